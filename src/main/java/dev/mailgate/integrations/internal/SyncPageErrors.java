package dev.mailgate.integrations.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.platform.ErrorDetail;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The sync page's errors as the designed error page: another workspace's connection looks
 * exactly like one that never existed.
 */
@ControllerAdvice(assignableTypes = SyncPageController.class)
class SyncPageErrors {

	@ExceptionHandler
	void handle(SyncConnectionNotFound ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		ErrorDetail.attach(request, "There is no such connection in your workspace. It may have been disconnected.");
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

}
