package dev.mailgate.integrations;

import java.util.UUID;

/**
 * An account a workspace connected at a provider.
 */
public record ConnectionId(UUID value) {

	@Override
	public String toString() {
		return this.value.toString();
	}

}
