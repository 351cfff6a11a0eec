package dev.mailgate.accounts.internal;

class EmailAlreadyRegistered extends RuntimeException {

	EmailAlreadyRegistered(EmailAddress email) {
		super("An account for %s already exists".formatted(email));
	}

}
