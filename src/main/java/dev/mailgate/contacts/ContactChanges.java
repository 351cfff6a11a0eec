package dev.mailgate.contacts;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What to set on a contact: {@code null} leaves a property as it is (or at its default
 * for a new contact). Names set to an empty string are cleared; {@code tags} and
 * {@code lists} replace the contact's whole set; {@code fields} sets the values it names,
 * and a {@code null} value removes one. Field values arrive as the API parsed them
 * ({@code String}, {@code BigDecimal}, {@code Boolean}) and are checked against the
 * workspace's field definitions.
 *
 * @param email required for a new contact; changes an existing contact's address
 * @param consentSource recorded with a status change
 */
public record ContactChanges(@Nullable String email, @Nullable String firstName, @Nullable String lastName,
		@Nullable SubscriptionStatus status, @Nullable String consentSource, @Nullable List<String> tags,
		@Nullable Map<String, @Nullable Object> fields, @Nullable List<ListId> lists) {

	public static ContactChanges email(String email) {
		return new ContactChanges(email, null, null, null, null, null, null, null);
	}

	public ContactChanges withEmail(String email) {
		return new ContactChanges(email, this.firstName, this.lastName, this.status, this.consentSource, this.tags,
				this.fields, this.lists);
	}

	public ContactChanges withConsentSource(String source) {
		return new ContactChanges(this.email, this.firstName, this.lastName, this.status, source, this.tags,
				this.fields, this.lists);
	}

}
