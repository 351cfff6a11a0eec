package dev.mailgate.contacts;

import java.util.List;

/**
 * A contact, list or field change that breaks a rule; nothing was written.
 */
public class InvalidContact extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidContact(List<FieldError> errors) {
		super(errors.isEmpty() ? "Invalid contact" : errors.get(0).field() + ": " + errors.get(0).detail());
		this.errors = List.copyOf(errors);
	}

	public InvalidContact(String field, String detail) {
		this(List.of(new FieldError(field, detail)));
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
