package dev.mailgate.campaigns.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.platform.ErrorDetail;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The campaign pages' errors as the designed error page: another workspace's campaign
 * looks like one that never existed; a step the campaign's state no longer allows (it was
 * sent from another tab) says so.
 */
@ControllerAdvice(assignableTypes = CampaignPagesController.class)
class CampaignPagesErrors {

	@ExceptionHandler
	void handle(CampaignNotFound ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorDetail.attach(request, "This campaign does not exist. It may have been deleted, or the link is mistyped.");
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

	@ExceptionHandler
	void handle(IllegalTransition ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorDetail.attach(request, ex.getMessage() + ". Someone may have done this already in another window.");
		response.sendError(HttpStatus.CONFLICT.value());
	}

	@ExceptionHandler
	void handle(InvalidCampaign ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorDetail.attach(request, "The campaign is not ready to send: " + ex.errors().get(0).detail()
				+ ". Open the editor to complete it.");
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

	@ExceptionHandler
	void handle(SmtpUnavailable ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorDetail.attach(request, ex.getMessage());
		response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
	}

}
