package dev.mailgate.contacts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which contacts to list; every filter is optional and they combine.
 *
 * @param search part of the email or name, case does not matter
 * @param updatedSince only contacts changed at or after this time (incremental sync)
 */
public record ContactQuery(@Nullable ListId list, @Nullable String tag, @Nullable SubscriptionStatus status,
		@Nullable Instant updatedSince, @Nullable String search) {

	public static ContactQuery all() {
		return new ContactQuery(null, null, null, null, null);
	}

}
