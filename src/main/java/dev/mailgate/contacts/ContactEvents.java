package dev.mailgate.contacts;

import java.time.Instant;

import dev.mailgate.accounts.WorkspaceId;
import org.jspecify.annotations.Nullable;

/**
 * What happens to contacts, for webhooks and integrations. Published inside the writing
 * transaction, once per contact (a batch publishes one per item it applied).
 */
public final class ContactEvents {

	private ContactEvents() {
	}

	public record ContactCreated(WorkspaceId workspace, ContactId contact, String email, Instant at) {
	}

	public record ContactUpdated(WorkspaceId workspace, ContactId contact, String email, Instant at) {
	}

	/**
	 * The contact's status became unsubscribed.
	 *
	 * @param source where the change came from (such as {@code unsubscribe-link} or
	 * {@code api:<client id>})
	 */
	public record ContactUnsubscribed(WorkspaceId workspace, ContactId contact, String email, @Nullable String source,
			Instant at) {
	}

}
