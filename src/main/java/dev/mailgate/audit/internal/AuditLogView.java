package dev.mailgate.audit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * An audit event as a row of the page shows it: when, what happened, who, from where.
 *
 * @param at when, for people
 * @param timestamp when, as ISO 8601 for the {@code <time>} element
 * @param what the kind in words
 * @param outcome {@code success}, {@code failure} or {@code refused}, for the badge's
 * class
 * @param client the app's client id, if the event concerns one
 * @param from the IP address and a short name of the browser or client, if known
 * @param userAgent the whole user agent, for a tooltip
 * @param platform whether the event belongs to no workspace (platform administrators see
 * those)
 */
public record AuditLogView(String id, String at, String timestamp, String kind, String what, String detail,
		String outcome, String outcomeLabel, String actor, @Nullable String client, String from,
		@Nullable String userAgent, boolean platform) {

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter
		.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DAY_AND_MINUTE = DateTimeFormatter
		.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	static AuditLogView of(AuditEntry entry) {
		AuditKind kind = AuditKind.of(entry.kind()).orElse(null);
		String outcomeLabel = AuditOutcome.of(entry.outcome()).map(AuditOutcome::label).orElse(entry.outcome());
		String from = (entry.ip() != null) ? entry.ip() : "";
		String agent = AuditUserAgents.summary(entry.userAgent());
		if (!agent.isEmpty()) {
			from = from.isEmpty() ? agent : from + " · " + agent;
		}
		return new AuditLogView(entry.id().toString(), DAY_AND_TIME.format(entry.at()), entry.at().toString(),
				entry.kind(), (kind != null) ? kind.label() : entry.kind(), detail(entry, kind), entry.outcome(),
				outcomeLabel, (entry.actor() != null) ? entry.actor() : "", entry.clientId(), from, entry.userAgent(),
				entry.workspace() == null);
	}

	/**
	 * An instant in the words of the audit log's details.
	 */
	static String time(Instant instant) {
		return DAY_AND_MINUTE.format(instant);
	}

	/**
	 * The detail as stored, or for an aggregated kind what its count means.
	 */
	private static String detail(AuditEntry entry, @Nullable AuditKind kind) {
		String detail = (entry.detail() != null) ? entry.detail() : "";
		if (kind == AuditKind.TOKEN_ISSUED) {
			return "%s issued to %s by %s in the minute from %s".formatted(
					(entry.count() == 1) ? "1 access token" : entry.count() + " access tokens", entry.clientId(),
					grant(detail), DAY_AND_MINUTE.format(entry.at()));
		}
		if (kind == AuditKind.RATELIMIT_HIT) {
			return "%s refused by the %s limit in the minute from %s".formatted(
					(entry.count() == 1) ? "1 request" : entry.count() + " requests", detail,
					DAY_AND_MINUTE.format(entry.at()));
		}
		return detail;
	}

	private static String grant(String grantType) {
		return switch (grantType) {
			case "authorization_code" -> "code exchange (authorization_code)";
			case "refresh_token" -> "refresh (refresh_token)";
			case "client_credentials" -> "client credentials (client_credentials)";
			default -> grantType;
		};
	}

}
