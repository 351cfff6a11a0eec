package dev.mailgate.integrations.internal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The integrations API's errors as RFC 9457 problems: 404 for another workspace's (or no)
 * connection or run, 409 when the connection needs reconnecting or cannot sync.
 */
@RestControllerAdvice(assignableTypes = SyncApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SyncApiProblems {

	@ExceptionHandler
	ProblemDetail handle(SyncConnectionNotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(ConnectionUnusable ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The connection needs reconnecting: a person must connect the account again in Mailgate");
		problem.setProperty("reconnect_needed", true);
		return problem;
	}

	@ExceptionHandler
	ProblemDetail handle(SyncNotPossible ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

}
