package dev.mailgate.platform.internal;

import java.io.IOException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.platform.DatabaseOutage;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database cannot be reached, every request that needed it is answered with
 * {@code 503} and {@code Retry-After} ({@link DatabaseOutage}), in front of every filter
 * chain, so that Spring Authorization Server's endpoints (filters, not controllers) get
 * it too: the OAuth endpoints an RFC 6749 §5.2 error {@code temporarily_unavailable}, the
 * API an RFC 9457 problem and pages the designed error page. Never a 500, never a stack
 * trace; the log says it once a minute.
 */
@Configuration(proxyBeanMethods = false)
class UnavailableResponses {

	static final String DETAIL = "Mailgate's database is not answering at the moment (unreachable or overloaded). Try again in a few seconds.";

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> databaseOutageFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
		registration.addUrlPatterns("/*");
		// outermost: it wraps the session and security filters, which may need the
		// database themselves
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	static final class Filter extends OncePerRequestFilter {

		private final OutageLog outages = new OutageLog(LogFactory.getLog(UnavailableResponses.class));

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				chain.doFilter(request, response);
			}
			catch (ServletException | IOException | RuntimeException ex) {
				if (!DatabaseOutage.causedBy(ex) || response.isCommitted()) {
					throw ex;
				}
				this.outages.warn("requests that need it get 503 with Retry-After until it answers again", ex);
				answer(request, response);
			}
		}

		private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
			response.resetBuffer();
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (path.startsWith("/oauth2/") || path.equals("/userinfo")) {
				response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
				response.setContentType(MediaType.APPLICATION_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				response.getWriter()
					.write("{\"error\":\"temporarily_unavailable\",\"error_description\":\"" + DETAIL + "\"}");
			}
			else if (path.startsWith("/api/")) {
				response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				response.getWriter()
					.write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\""
							+ DETAIL + "\"}");
			}
			else {
				// the error page (or a problem, for whoever does not accept HTML) says it
				response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
			}
		}

	}

}
