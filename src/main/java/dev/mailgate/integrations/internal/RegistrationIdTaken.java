package dev.mailgate.integrations.internal;

/**
 * Another provider has the registration id already (it is in every callback URL, so it
 * must be unique).
 */
class RegistrationIdTaken extends RuntimeException {

	RegistrationIdTaken(String registrationId) {
		super("The registration id %s is taken".formatted(registrationId));
	}

}
