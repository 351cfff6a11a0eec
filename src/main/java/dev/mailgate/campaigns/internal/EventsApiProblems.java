package dev.mailgate.campaigns.internal;

import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The reports and events API's errors as RFC 9457 problems: 400 naming the parameter in
 * {@code field}, 404 for another workspace's campaign.
 */
@RestControllerAdvice(assignableTypes = { EventsApiController.class, ReportApiController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class EventsApiProblems {

	@ExceptionHandler
	ProblemDetail handle(EventsApiRejected ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid parameter");
		problem.setProperty("field", ex.parameter());
		problem.setProperty("errors", List.of(Map.of("field", ex.parameter(), "detail", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail handle(ReportNotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

}
