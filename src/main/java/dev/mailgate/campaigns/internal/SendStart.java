package dev.mailgate.campaigns.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactQuery;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.Page;
import dev.mailgate.contacts.SubscriptionStatus;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The moment a send begins: the campaign becomes {@code SENDING} (a conditional update,
 * so only one request or node starts it) and its audience is fixed, one queued recipient
 * row for each subscribed contact of the target list or tag.
 */
@Component
class SendStart {

	private static final int PAGE = 1000;

	private final JdbcCampaigns campaigns;

	private final JdbcRecipients recipients;

	private final Contacts contacts;

	private final Clock clock;

	SendStart(JdbcCampaigns campaigns, JdbcRecipients recipients, Contacts contacts, Clock clock) {
		this.campaigns = campaigns;
		this.recipients = recipients;
		this.contacts = contacts;
		this.clock = clock;
	}

	/**
	 * @param from the states it may start from
	 * @return whether this caller started it
	 */
	@Transactional
	boolean begin(Campaign campaign, Set<CampaignStatus> from) {
		Instant now = this.clock.instant();
		if (!this.campaigns.move(campaign.id(), from, CampaignStatus.SENDING, "started_at", now, now)) {
			return false;
		}
		this.campaigns.recipients(campaign.id(), enqueueAudience(campaign));
		return true;
	}

	private int enqueueAudience(Campaign campaign) {
		CampaignId id = campaign.id();
		ContactQuery audience = audience(campaign.content());
		Set<String> emails = new HashSet<>();
		String cursor = null;
		int count = 0;
		do {
			Page<Contact> page = this.contacts.list(campaign.workspace(), audience, cursor, PAGE);
			List<JdbcRecipients.Recipient> batch = new ArrayList<>(page.data().size());
			for (Contact contact : page.data()) {
				// a contact listed twice (it changed while the pages were read) gets one
				// message
				if (emails.add(contact.email())) {
					batch.add(new JdbcRecipients.Recipient(contact.id(), contact.email()));
				}
			}
			this.recipients.enqueue(id, batch);
			count += batch.size();
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return count;
	}

	static ContactQuery audience(CampaignContent content) {
		return new ContactQuery(content.targetList(), content.targetTag(), SubscriptionStatus.SUBSCRIBED, null, null);
	}

}
