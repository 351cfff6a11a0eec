package dev.mailgate.contacts.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.platform.ErrorDetail;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The contact pages' errors as the designed error page: another workspace's contact, list
 * or field looks exactly like one that never existed.
 */
@ControllerAdvice(assignableTypes = { ContactPagesController.class, ContactTableController.class,
		ListPagesController.class, FieldPagesController.class, ContactImportController.class })
class ContactPagesErrors {

	@ExceptionHandler
	void handle(ContactNotFound ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorDetail.attach(request, ex.getMessage() + ". It may have been deleted, or the link is mistyped.");
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

}
