package dev.mailgate.apps;

import java.io.Serializable;
import java.util.UUID;

/**
 * Identifies a registered app; the authorization server's registered client id.
 */
public record AppId(UUID value) implements Serializable {

	public static AppId random() {
		return new AppId(UUID.randomUUID());
	}

	public static AppId parse(String value) {
		return new AppId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
