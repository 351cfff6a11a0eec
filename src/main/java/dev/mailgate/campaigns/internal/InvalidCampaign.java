package dev.mailgate.campaigns.internal;

import java.util.List;
import java.util.stream.Collectors;

import dev.mailgate.contacts.FieldError;

/**
 * What is wrong with a campaign's content or a request about it, field by field: a 400.
 */
class InvalidCampaign extends RuntimeException {

	private final List<FieldError> errors;

	InvalidCampaign(List<FieldError> errors) {
		super(errors.stream()
			.map((error) -> error.field() + ": " + error.detail())
			.collect(Collectors.joining("; ", "Invalid campaign: ", "")));
		this.errors = List.copyOf(errors);
	}

	InvalidCampaign(String field, String detail) {
		this(List.of(new FieldError(field, detail)));
	}

	List<FieldError> errors() {
		return this.errors;
	}

}
