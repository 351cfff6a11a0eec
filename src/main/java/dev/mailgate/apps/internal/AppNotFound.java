package dev.mailgate.apps.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
class AppNotFound extends RuntimeException {

	AppNotFound(String clientId) {
		super("There is no app %s in this workspace".formatted(clientId));
	}

}
