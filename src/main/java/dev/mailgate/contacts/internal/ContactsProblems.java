package dev.mailgate.contacts.internal;

import java.util.List;
import java.util.Map;

import dev.mailgate.contacts.AlreadyExists;
import dev.mailgate.contacts.ConcurrentWrite;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.contacts.VersionMismatch;
import dev.mailgate.platform.BodyTooLarge;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The contacts API's errors as RFC 9457 problems: 400 naming every wrong property (in
 * {@code errors}), 404, 409, 412 for a stale {@code If-Match}.
 */
@RestControllerAdvice(
		assignableTypes = { ContactsApiController.class, ListsApiController.class, FieldsApiController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContactsProblems {

	@ExceptionHandler
	ProblemDetail handle(InvalidContact ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("field", ex.errors().isEmpty() ? "body" : ex.errors().get(0).field());
		problem.setProperty("errors",
				ex.errors().stream().map((error) -> Map.of("field", error.field(), "detail", error.detail())).toList());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail handle(ContactNotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler({ AlreadyExists.class, ConcurrentWrite.class })
	ProblemDetail handleConflict(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(VersionMismatch ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, ex.getMessage());
	}

	/**
	 * Malformed JSON (read by Spring MVC, or by an endpoint that reads its own body),
	 * said with where it broke, never with the parser's own message, which quotes
	 * internals; or a body over the size limit.
	 */
	@ExceptionHandler({ HttpMessageNotReadableException.class, MalformedJson.class })
	ProblemDetail handleUnreadable(Exception ex) {
		String where = "";
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLarge tooLarge) {
				return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
			}
			if (cause instanceof JacksonException json && json.getLocation() != null && where.isEmpty()) {
				TokenStreamLocation location = json.getLocation();
				where = " at line %d, column %d".formatted(location.getLineNr(), location.getColumnNr());
			}
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The body is not valid JSON" + where);
		problem.setProperty("field", "body");
		problem.setProperty("errors", List.of(Map.of("field", "body", "detail", "malformed JSON" + where)));
		return problem;
	}

}
