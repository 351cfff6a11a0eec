package dev.mailgate.apps;

import java.io.Serializable;
import java.util.UUID;

/**
 * Identifies one client secret of an app.
 */
public record SecretId(UUID value) implements Serializable {

	public static SecretId parse(String value) {
		return new SecretId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
