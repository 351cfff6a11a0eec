package dev.mailgate.campaigns.internal;

import java.util.Optional;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.SubscriptionStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Unsubscribes the recipient of a signed unsubscribe link: sets the contact
 * {@code unsubscribed} (with where that came from) and records {@code unsubscribed} for
 * the campaign, once however often the link is used.
 */
@Component
class Unsubscribes {

	private final TrackingCampaigns campaigns;

	private final Contacts contacts;

	private final Accounts accounts;

	private final TrackingRecorder recorder;

	private final JdbcClient jdbc;

	Unsubscribes(TrackingCampaigns campaigns, Contacts contacts, Accounts accounts, TrackingRecorder recorder,
			JdbcClient jdbc) {
		this.campaigns = campaigns;
		this.contacts = contacts;
		this.accounts = accounts;
		this.recorder = recorder;
		this.jdbc = jdbc;
	}

	/**
	 * Whom the link unsubscribes, for its page.
	 * @return nothing when the campaign was deleted
	 */
	Optional<UnsubscribeView> find(TrackingLinks.Ids ids) {
		return this.campaigns.workspaceOf(ids.campaign())
			.map((workspace) -> this.contacts.find(workspace, ids.contact())
				.map((contact) -> view(workspace, contact, contact.status() == SubscriptionStatus.UNSUBSCRIBED))
				.orElseGet(() -> deleted(workspace)));
	}

	/**
	 * Unsubscribes the contact; an unsubscribed contact stays so, and nothing more is
	 * recorded.
	 */
	Optional<UnsubscribeView> unsubscribe(TrackingLinks.Ids ids) {
		return this.campaigns.workspaceOf(ids.campaign())
			.map((workspace) -> this.contacts.find(workspace, ids.contact()).map((contact) -> {
				if (contact.status() != SubscriptionStatus.UNSUBSCRIBED) {
					this.contacts.update(workspace, contact.id(), new ContactChanges(null, null, null,
							SubscriptionStatus.UNSUBSCRIBED, "unsubscribe-link:" + ids.campaign(), null, null, null),
							null);
				}
				if (!recorded(ids)) {
					this.recorder.record(EngagementKind.UNSUBSCRIBED, ids, contact.email(), null, null, null);
				}
				return view(workspace, contact, true);
			}).orElseGet(() -> deleted(workspace)));
	}

	private boolean recorded(TrackingLinks.Ids ids) {
		return this.jdbc
			.sql("select count(*) from campaigns_events where campaign_id = ? and contact_id = ? and kind = ?")
			.params(ids.campaign().value(), ids.contact().value(), EngagementKind.UNSUBSCRIBED.value())
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The contact was deleted since: they get nothing more, as if unsubscribed.
	 */
	private UnsubscribeView deleted(WorkspaceId workspace) {
		return new UnsubscribeView("your address", sender(workspace), true);
	}

	private String sender(WorkspaceId workspace) {
		return this.accounts.workspaceName(workspace).orElse("this sender");
	}

	private UnsubscribeView view(WorkspaceId workspace, Contact contact, boolean unsubscribed) {
		return new UnsubscribeView(masked(contact.email()), sender(workspace), unsubscribed);
	}

	/**
	 * The address as the page shows it to whoever holds the link:
	 * {@code a•••@example.com}.
	 */
	static String masked(String email) {
		int at = email.lastIndexOf('@');
		if (at < 1) {
			return "•••";
		}
		return email.charAt(0) + "•••" + email.substring(at);
	}

	/**
	 * @param sender the workspace's name, whose campaigns the recipient leaves
	 */
	record UnsubscribeView(String email, String sender, boolean unsubscribed) {
	}

}
