package dev.mailgate.audit.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import dev.mailgate.apps.AppId;
import org.jspecify.annotations.Nullable;

/**
 * The audit log page's filters, as its form, links and export carry them.
 *
 * @param kind an event kind ({@code secret.rotated}) or a category ({@code secrets})
 * @param outcome {@code success}, {@code failure} or {@code refused}
 * @param app an app's client id, or its id
 * @param actor part of who acted (an email or a client id)
 * @param ip the beginning of an IP address
 * @param from the first day (UTC), {@code 2026-11-28}
 * @param to the last day (UTC), included
 */
public record AuditLogFilters(@Nullable String kind, @Nullable String outcome, @Nullable String app,
		@Nullable String actor, @Nullable String ip, @Nullable String from, @Nullable String to) {

	/**
	 * The query these filters make for the viewer.
	 * @throws AuditFilterRejected when a value is not one the page offers
	 */
	AuditLogQuery query(AuditViewer viewer) {
		String app = blankToNull(this.app);
		AppId appId = (app != null) ? appId(app) : null;
		LocalDate first = day("from", this.from);
		LocalDate last = day("to", this.to);
		if (first != null && last != null && last.isBefore(first)) {
			throw new AuditFilterRejected("to", "The last day comes before the first day.");
		}
		return new AuditLogQuery(viewer.workspace(), viewer.platformAdministrator(), kinds(), outcomeValue(), appId,
				(appId == null) ? app : null, blankToNull(this.actor), blankToNull(this.ip),
				(first != null) ? first.atStartOfDay(ZoneOffset.UTC).toInstant() : null,
				(last != null) ? last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null);
	}

	boolean any() {
		return blankToNull(this.kind) != null || blankToNull(this.outcome) != null || blankToNull(this.app) != null
				|| blankToNull(this.actor) != null || blankToNull(this.ip) != null || blankToNull(this.from) != null
				|| blankToNull(this.to) != null;
	}

	/**
	 * A link to {@code path} with these filters, and the cursor when given.
	 */
	String link(String path, @Nullable String cursor) {
		StringBuilder uri = new StringBuilder(path);
		add(uri, "kind", this.kind);
		add(uri, "outcome", this.outcome);
		add(uri, "app", this.app);
		add(uri, "actor", this.actor);
		add(uri, "ip", this.ip);
		add(uri, "from", this.from);
		add(uri, "to", this.to);
		add(uri, "cursor", cursor);
		return uri.toString();
	}

	private List<String> kinds() {
		String kind = blankToNull(this.kind);
		if (kind == null) {
			return List.of();
		}
		return AuditKind.named(kind)
			.orElseThrow(
					() -> new AuditFilterRejected("kind", "There is no kind of event called '%s'.".formatted(kind)));
	}

	private @Nullable String outcomeValue() {
		String outcome = blankToNull(this.outcome);
		if (outcome == null) {
			return null;
		}
		return AuditOutcome.of(outcome)
			.map(AuditOutcome::value)
			.orElseThrow(() -> new AuditFilterRejected("outcome",
					"The outcome must be success, failure or refused, not '%s'.".formatted(outcome)));
	}

	private static @Nullable AppId appId(String app) {
		try {
			return new AppId(UUID.fromString(app));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable LocalDate day(String name, @Nullable String value) {
		String day = blankToNull(value);
		if (day == null) {
			return null;
		}
		try {
			return LocalDate.parse(day);
		}
		catch (DateTimeParseException ex) {
			throw new AuditFilterRejected(name, "'%s' is not a date; write it like 2026-11-28.".formatted(day));
		}
	}

	/**
	 * Form-encoded, so that a {@code +} in an email stays a plus.
	 */
	private static void add(StringBuilder uri, String name, @Nullable String value) {
		String present = blankToNull(value);
		if (present != null) {
			uri.append((uri.indexOf("?") < 0) ? '?' : '&')
				.append(name)
				.append('=')
				.append(URLEncoder.encode(present, StandardCharsets.UTF_8));
		}
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
