package dev.mailgate.integrations;

import java.util.UUID;

/**
 * An outside platform Mailgate is a client of, as an operator configured it.
 */
public record ProviderId(UUID value) {

	@Override
	public String toString() {
		return this.value.toString();
	}

}
