package dev.mailgate.platform.internal;

import dev.mailgate.platform.DatabaseOutage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every JSON endpoint answers errors as RFC 9457 problems: Spring MVC's own exceptions
 * (bad JSON, wrong method, missing parameter) through
 * {@link ResponseEntityExceptionHandler}, and anything unexpected as a 500 problem
 * without its message. The database being away is not unexpected: it passes on to
 * {@link UnavailableResponses}.
 */
@RestControllerAdvice(annotations = RestController.class)
class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemResponses.class);

	/**
	 * Spring Security answers these itself (sign-in, 401 or 403), so they pass through.
	 */
	@ExceptionHandler({ AccessDeniedException.class, AuthenticationException.class })
	void passToSecurity(RuntimeException ex) {
		throw ex;
	}

	/**
	 * The firewall checks a header's value when it is read, so a value no client may send
	 * (a control character in {@code If-Match}) surfaces in a controller: the client's
	 * error, not ours.
	 */
	@ExceptionHandler
	ProblemDetail handle(RequestRejectedException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ErrorPages.explain(HttpStatus.BAD_REQUEST));
	}

	@ExceptionHandler
	ProblemDetail handle(RuntimeException ex) {
		if (DatabaseOutage.causedBy(ex)) {
			// not a 500: UnavailableResponses answers it with 503 and Retry-After
			throw ex;
		}
		log.error("Unexpected error answering a JSON request", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				ErrorPages.explain(HttpStatus.INTERNAL_SERVER_ERROR));
	}

}
