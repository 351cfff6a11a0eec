package dev.mailgate.integrations.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.mailgate.accounts.WorkspaceMember;
import org.jspecify.annotations.Nullable;

/**
 * One provider on the integrations page, as a marketer sees it: what it is for, and
 * whether (and as whom) their workspace is connected.
 *
 * @param status {@code not-connected}, {@code connected} or {@code reconnect-needed}
 * @param connectedBy the person's name, for a connected one
 */
record IntegrationCard(String registrationId, String name, String typeLabel, List<String> uses, String status,
		@Nullable String connectionId, @Nullable String accountLabel, @Nullable String connectedBy,
		@Nullable String connectedOn, @Nullable String lastRefresh, List<Link> links, boolean mayDisconnect) {

	static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter MINUTE = DateTimeFormatter
		.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	static IntegrationCard notConnected(Provider provider) {
		return new IntegrationCard(provider.registrationId(), provider.name(), provider.type().label(), uses(provider),
				"not-connected", null, null, null, null, null, List.of(), false);
	}

	static IntegrationCard of(Connection connection, String connectedBy, WorkspaceMember viewer) {
		Provider provider = connection.provider();
		Instant refreshed = connection.refreshedAt();
		return new IntegrationCard(provider.registrationId(), provider.name(), provider.type().label(), uses(provider),
				connection.active() ? "connected" : "reconnect-needed", connection.id().toString(),
				connection.accountLabel(), connectedBy, DAY.format(connection.createdAt()),
				(refreshed != null) ? MINUTE.format(refreshed) : null, links(connection),
				Disconnection.allowed(viewer, connection));
	}

	public boolean connected() {
		return "connected".equals(this.status);
	}

	public boolean reconnectNeeded() {
		return "reconnect-needed".equals(this.status);
	}

	private static List<String> uses(Provider provider) {
		List<String> uses = new ArrayList<>();
		for (Capability capability : provider.capabilities()) {
			uses.add(switch (capability) {
				case CONTACTS -> "Import contacts";
				case SHARE -> "Share campaigns";
				case ANALYTICS -> "Send engagement data";
			});
		}
		return uses;
	}

	private static List<Link> links(Connection connection) {
		String base = "/integrations/connections/" + connection.id();
		List<Link> links = new ArrayList<>();
		for (Capability capability : connection.provider().capabilities()) {
			links.add(switch (capability) {
				case CONTACTS -> new Link("Sync contacts", base + "/sync", "sync");
				case SHARE -> new Link("Share campaigns", base + "/share", "share");
				case ANALYTICS -> new Link("Analytics export", base + "/analytics", "analytics");
			});
		}
		return links;
	}

	/**
	 * A page (owned by the capability's part of the module) for this connection.
	 */
	record Link(String label, String href, String kind) {
	}

}
