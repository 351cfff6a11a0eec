package dev.mailgate.platform.internal;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.platform.ErrorDetail;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where every error ends that no controller answered itself: browsers get a designed
 * page, everyone else an RFC 9457 problem. Neither ever carries an exception message or a
 * stack trace; the log has those.
 */
@Controller
class ErrorPages implements ErrorController {

	@RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView showErrorPage(HttpServletRequest request) {
		HttpStatus status = statusOf(request);
		return new ModelAndView("error", Map.of("status", status.value(), "reason", status.getReasonPhrase(), "message",
				explain(request, status)), status);
	}

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> answerWithProblem(HttpServletRequest request) {
		HttpStatus status = statusOf(request);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, explain(request, status));
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path instanceof String uri) {
			problem.setInstance(URI.create(uri.replace(" ", "%20")));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static HttpStatus statusOf(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String explain(HttpServletRequest request, HttpStatus status) {
		return (request.getAttribute(ErrorDetail.ATTRIBUTE) instanceof String detail) ? detail : explain(status);
	}

	static String explain(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "The request could not be understood. Check what was sent and try again.";
			case UNAUTHORIZED -> "You need to sign in to see this.";
			case FORBIDDEN -> "You do not have permission to do this.";
			case NOT_FOUND -> "There is nothing here. The address may be mistyped, or the page was moved.";
			case METHOD_NOT_ALLOWED -> "This address does not accept that kind of request.";
			case PAYLOAD_TOO_LARGE -> "The request is larger than Mailgate accepts.";
			case TOO_MANY_REQUESTS -> "Too many requests. Wait a moment and try again.";
			case SERVICE_UNAVAILABLE -> "Mailgate is briefly unavailable. Try again in a moment.";
			default -> status.is4xxClientError() ? "The request could not be completed."
					: "Something went wrong on our side. It has been logged, and trying again may help.";
		};
	}

}
