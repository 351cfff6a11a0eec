package dev.mailgate.contacts.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.mailgate.contacts.ContactQuery;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * The contacts table's search box and filters, as its links and the export carry them.
 * Values that are not one of ours (a list id that is no id, an unknown status) filter
 * nothing.
 *
 * @param q part of an email or name
 * @param status a {@link SubscriptionStatus} value
 * @param tag a tag, case does not matter
 * @param list a list id
 */
public record ContactFilters(@Nullable String q, @Nullable String status, @Nullable String tag, @Nullable String list) {

	ContactQuery query() {
		return new ContactQuery(listId(), blankToNull(this.tag), statusValue(), null, blankToNull(this.q));
	}

	boolean any() {
		return blankToNull(this.q) != null || statusValue() != null || blankToNull(this.tag) != null
				|| listId() != null;
	}

	public @Nullable ListId listId() {
		return (this.list != null) ? ListId.parse(this.list.strip()).orElse(null) : null;
	}

	public @Nullable SubscriptionStatus statusValue() {
		return (this.status != null) ? SubscriptionStatus.parse(this.status).orElse(null) : null;
	}

	/**
	 * A link to {@code path} with these filters, and the cursor when given.
	 */
	String link(String path, @Nullable String cursor) {
		StringBuilder uri = new StringBuilder(path);
		add(uri, "q", blankToNull(this.q));
		add(uri, "status", (statusValue() != null) ? statusValue().value() : null);
		add(uri, "tag", blankToNull(this.tag));
		add(uri, "list", (listId() != null) ? listId().toString() : null);
		add(uri, "cursor", cursor);
		return uri.toString();
	}

	/**
	 * Form-encoded, so that a {@code +} in an email stays a plus.
	 */
	private static void add(StringBuilder uri, String name, @Nullable String value) {
		if (value != null) {
			uri.append((uri.indexOf("?") < 0) ? '?' : '&')
				.append(name)
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	static String statusLabel(SubscriptionStatus status) {
		String value = status.value();
		return value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1);
	}

}
