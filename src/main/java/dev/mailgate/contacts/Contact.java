package dev.mailgate.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A contact as stored.
 *
 * @param email normalized: trimmed and in lower case, unique in its workspace
 * @param consentSource where the current subscription status came from (the API with the
 * app's client ID, a CSV import, a page)
 * @param fields custom field values by key: a {@code String} (text), a {@code BigDecimal}
 * (number), a {@code LocalDate} (date) or a {@code Boolean}
 * @param version counts changes; the API's ETag
 */
public record Contact(ContactId id, String email, @Nullable String firstName, @Nullable String lastName,
		SubscriptionStatus status, @Nullable String consentSource, @Nullable Instant consentAt, List<String> tags,
		Map<String, Object> fields, List<ListId> lists, Instant createdAt, Instant updatedAt, long version) {

	/**
	 * The strong entity tag of this version (RFC 9110 §8.8.3).
	 */
	public String etag() {
		return "\"" + this.version + "\"";
	}

}
