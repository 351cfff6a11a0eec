package dev.mailgate.platform.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hides a {@code Content-Type} or {@code Accept} header that Spring cannot even tell is
 * invalid: some malformed values (such as {@code ""/a:}) make its media type parser throw
 * {@link StringIndexOutOfBoundsException} instead of {@link InvalidMediaTypeException},
 * which no handler expects, and every endpoint that reads a body or negotiates its answer
 * turned that into a 500 (found by fuzzing the token endpoint). Without the header, each
 * endpoint answers as it does for a request that has none: a body of no known type is
 * refused in its own error format (RFC 6749 {@code invalid_request}, a 415 problem), and
 * a missing {@code Accept} accepts anything (RFC 9110 §12.5.1). Values Spring reports as
 * invalid are left to Spring.
 */
@Configuration(proxyBeanMethods = false)
class UnreadableMediaTypes {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> unreadableMediaTypesFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	static final class Filter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			boolean contentType = unreadable(request.getHeader(HttpHeaders.CONTENT_TYPE), false);
			boolean accept = unreadable(request.getHeader(HttpHeaders.ACCEPT), true);
			chain.doFilter((contentType || accept) ? new Without(request, contentType, accept) : request, response);
		}

		private static boolean unreadable(@Nullable String value, boolean list) {
			if (value == null) {
				return false;
			}
			try {
				if (list) {
					MediaType.parseMediaTypes(value);
				}
				else {
					MediaType.parseMediaType(value);
				}
				return false;
			}
			catch (InvalidMediaTypeException ex) {
				return false;
			}
			catch (RuntimeException ex) {
				return true;
			}
		}

	}

	/**
	 * The request without the headers its media types could not be read from.
	 */
	static final class Without extends HttpServletRequestWrapper {

		private final boolean contentType;

		private final boolean accept;

		Without(HttpServletRequest request, boolean contentType, boolean accept) {
			super(request);
			this.contentType = contentType;
			this.accept = accept;
		}

		private boolean hidden(String name) {
			return (this.contentType && name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE))
					|| (this.accept && name.equalsIgnoreCase(HttpHeaders.ACCEPT));
		}

		@Override
		public @Nullable String getContentType() {
			return this.contentType ? null : super.getContentType();
		}

		@Override
		public @Nullable String getHeader(String name) {
			return hidden(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(this::hidden);
			return Collections.enumeration(names);
		}

	}

}
