package dev.mailgate.integrations.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import dev.mailgate.contacts.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * A provider's contacts API, read a page at a time from a cursor. Failures the run can
 * wait out are {@link ProviderUnavailable}; a connection that needs a person is
 * {@link ConnectionUnusable}; anything else the provider refuses is
 * {@link SourceRefused}.
 */
interface ContactSource {

	boolean serves(ProviderType type);

	/**
	 * The provider's fields a person may map, in the order the settings page lists them.
	 */
	List<String> fields(Connection connection);

	/**
	 * What is mapped before anyone changes it.
	 * @param customFields the keys of the workspace's custom fields
	 */
	Map<String, String> defaultMapping(Set<String> customFields);

	/**
	 * How many contacts a run from the start will see, when the provider can tell
	 * cheaply.
	 */
	OptionalLong total(Connection connection, @Nullable Instant updatedSince);

	/**
	 * @param cursor the previous page's {@link Page#nextCursor()}, or {@code null} to
	 * begin
	 * @param updatedSince only contacts changed since then; {@code null} for all
	 * @param fields the provider fields to ask for (what is mapped)
	 */
	Page page(Connection connection, @Nullable String cursor, @Nullable Instant updatedSince, int size,
			Set<String> fields);

	/**
	 * @param nextCursor {@code null} on the last page
	 */
	record Page(List<SourceContact> contacts, @Nullable String nextCursor) {
	}

	/**
	 * One contact as the provider sent it.
	 *
	 * @param values by the provider's field names: text, numbers, booleans, or a list of
	 * text (tags)
	 * @param status its subscription status at the provider, when it has one
	 * @param archived deleted at the provider: not imported
	 */
	record SourceContact(Map<String, Object> values, @Nullable SubscriptionStatus status, boolean archived) {
	}

}
