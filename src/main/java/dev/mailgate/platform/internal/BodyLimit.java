package dev.mailgate.platform.internal;

import java.io.IOException;

import dev.mailgate.platform.BodyTooLarge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps API request bodies: a declared length over the limit gets a 413 problem before
 * anything reads it; a body without one (chunked) stops being read at the limit, which
 * the module's problem handler answers with 413 too ({@link BodyTooLarge}).
 */
@Configuration(proxyBeanMethods = false)
class BodyLimit {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> apiBodyLimit(ApiProperties properties) {
		long limit = properties.maxBodySize().toBytes();
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(limit));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	/**
	 * @param maxBodySize the largest request body the API reads (a batch of 1,000
	 * contacts is about 0.5 MB)
	 */
	@ConfigurationProperties("mailgate.api")
	record ApiProperties(@DefaultValue("5MB") DataSize maxBodySize) {
	}

	static final class Filter extends OncePerRequestFilter {

		private final long limit;

		Filter(long limit) {
			this.limit = limit;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getContentLengthLong() > this.limit) {
				response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setHeader("Connection", "close");
				response.getWriter()
					.write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
							+ "\"detail\":\"The request body is larger than the limit of " + this.limit + " bytes\"}");
				return;
			}
			chain.doFilter((request.getContentLengthLong() < 0) ? new Limited(request, this.limit) : request, response);
		}

	}

	/**
	 * A request whose body stops at the limit.
	 */
	static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				ServletInputStream in = super.getInputStream();
				this.stream = new ServletInputStream() {

					private long read;

					@Override
					public int read() throws IOException {
						int b = in.read();
						count((b < 0) ? 0 : 1);
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = in.read(buffer, offset, length);
						count(Math.max(n, 0));
						return n;
					}

					private void count(int n) throws BodyTooLarge {
						this.read += n;
						if (this.read > Limited.this.limit) {
							throw new BodyTooLarge(Limited.this.limit);
						}
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}

				};
			}
			return this.stream;
		}

	}

}
