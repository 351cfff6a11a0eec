package dev.mailgate.integrations.internal;

/**
 * What a person reads after disconnecting: whether the provider also cut Mailgate off, or
 * whether they should remove its access there themselves.
 */
final class DisconnectMessages {

	private DisconnectMessages() {
	}

	static String after(Connection connection, boolean revoked) {
		String name = connection.provider().name();
		if (revoked) {
			return "Disconnected from %s. %s confirmed that Mailgate's access is revoked, and Mailgate deleted its tokens."
				.formatted(name, name);
		}
		if (connection.provider().revocationUri() == null) {
			return ("Disconnected from %s, and Mailgate deleted its tokens. %s offers no way for Mailgate to revoke "
					+ "its own access, so please also remove Mailgate in your %s account's settings.")
				.formatted(name, name, name);
		}
		return ("Disconnected from %s, and Mailgate deleted its tokens, but %s did not confirm revoking Mailgate's "
				+ "access. Please also remove Mailgate in your %s account's settings.")
			.formatted(name, name, name);
	}

}
