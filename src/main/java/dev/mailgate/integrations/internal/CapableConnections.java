package dev.mailgate.integrations.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.ErrorDetail;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sharing and analytics pages' way to their connection: one of the person's workspace
 * that can do what the page does. Another workspace's connection, or one that cannot, is
 * not found, as one that never existed.
 */
final class CapableConnections {

	private CapableConnections() {
	}

	static Connection find(JdbcConnections connections, WorkspaceMember member, String id, Capability capability,
			HttpServletRequest request) {
		return connections.find(member.workspace(), new ConnectionId(uuid(id, request)))
			.filter((connection) -> connection.can(capability))
			.orElseThrow(() -> notFound(request));
	}

	/** How the pages show times, for templates. */
	static final Times TIMES = new Times();

	/**
	 * How the pages show a time ({@code 2026-11-28 21:40 UTC}).
	 */
	static String minute(@Nullable Instant at) {
		return (at != null) ? Timestamps.minute(at) : "";
	}

	static final class Times {

		public String minute(@Nullable Instant at) {
			return CapableConnections.minute(at);
		}

	}

	private static UUID uuid(String id, HttpServletRequest request) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw notFound(request);
		}
	}

	private static ResponseStatusException notFound(HttpServletRequest request) {
		ErrorDetail.attach(request, "This connected account does not exist in your workspace, or it cannot do this. "
				+ "It may have been disconnected.");
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such connection");
	}

}
