package dev.mailgate.integrations.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.platform.ErrorDetail;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The provider pages' errors as the designed error page.
 */
@ControllerAdvice(assignableTypes = { ProvidersAdminController.class, ProviderEditController.class })
class ProviderAdminErrors {

	@ExceptionHandler
	void handle(ProviderNotFound ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorDetail.attach(request, "This provider does not exist. It may have been removed, or the link is mistyped.");
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

}
