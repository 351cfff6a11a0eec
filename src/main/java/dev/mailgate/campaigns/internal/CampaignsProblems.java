package dev.mailgate.campaigns.internal;

import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The campaigns API's errors as RFC 9457 problems: 400 naming the wrong property (in
 * {@code field} and {@code errors}), 404, 409 for a step the state does not allow, 412
 * for a stale {@code If-Match}, 503 without an SMTP server.
 */
@RestControllerAdvice(assignableTypes = CampaignsApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CampaignsProblems {

	@ExceptionHandler
	ProblemDetail handle(InvalidCampaign ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("field", ex.errors().get(0).field());
		problem.setProperty("errors",
				ex.errors().stream().map((error) -> Map.of("field", error.field(), "detail", error.detail())).toList());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail handle(CampaignNotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(IllegalTransition ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(StaleCampaign ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(SmtpUnavailable ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(HttpMessageNotReadableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not valid JSON");
		problem.setProperty("field", "body");
		problem.setProperty("errors", List.of(Map.of("field", "body", "detail", "malformed JSON")));
		return problem;
	}

}
