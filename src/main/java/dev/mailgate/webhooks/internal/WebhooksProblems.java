package dev.mailgate.webhooks.internal;

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
 * The webhooks API's errors as RFC 9457 problems: 400 naming the field, 404.
 */
@RestControllerAdvice(assignableTypes = WebhooksApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhooksProblems {

	@ExceptionHandler
	ProblemDetail handle(InvalidWebhook ex) {
		return badField(ex.field(), ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(WebhookNotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	/**
	 * Malformed JSON or a property of the wrong type, said without the parser's own
	 * message.
	 */
	@ExceptionHandler
	ProblemDetail handle(HttpMessageNotReadableException ex) {
		return badField("body",
				"The body is not JSON of the expected shape: {\"url\": \"https://…\", \"events\": [\"contact.created\"]}");
	}

	private static ProblemDetail badField(String field, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setProperty("field", field);
		problem.setProperty("errors", List.of(Map.of("field", field, "detail", detail)));
		return problem;
	}

}
