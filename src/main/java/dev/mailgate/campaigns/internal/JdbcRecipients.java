package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.platform.DurableCommits;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each recipient's delivery state in {@code campaigns_recipients}: {@code QUEUED} when
 * the send starts, {@code CLAIMED} just before the message goes to SMTP, then
 * {@code SENT}, {@code BOUNCED} or {@code FAILED}. A claim is a conditional update per
 * row, so two jobs never claim the same recipient.
 */
@Repository
class JdbcRecipients {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final DurableCommits durable;

	JdbcRecipients(JdbcClient jdbc, JdbcTemplate batch, DurableCommits durable) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.durable = durable;
	}

	void enqueue(CampaignId campaign, List<Recipient> recipients) {
		this.batch.batchUpdate(
				"insert into campaigns_recipients (campaign_id, contact_id, email, status) values (?, ?, ?, 'QUEUED')",
				recipients, 500, (statement, recipient) -> {
					statement.setObject(1, campaign.value());
					statement.setObject(2, recipient.contact().value());
					statement.setString(3, recipient.email());
				});
	}

	/**
	 * Claims up to {@code limit} queued recipients for this job.
	 */
	List<Recipient> claim(CampaignId campaign, int limit, Instant at) {
		List<Recipient> queued = this.jdbc
			.sql("select contact_id, email from campaigns_recipients where campaign_id = ? and status = 'QUEUED'"
					+ " order by contact_id limit ?")
			.params(campaign.value(), limit)
			.query((rs, row) -> new Recipient(new ContactId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.list();
		if (queued.isEmpty()) {
			return queued;
		}
		int[][] updated = this.batch.batchUpdate(
				"update campaigns_recipients set status = 'CLAIMED', claimed_at = ?"
						+ " where campaign_id = ? and contact_id = ? and status = 'QUEUED'",
				queued, queued.size(), (statement, recipient) -> {
					statement.setObject(1, Timestamps.utc(at));
					statement.setObject(2, campaign.value());
					statement.setObject(3, recipient.contact().value());
				});
		List<Recipient> claimed = new ArrayList<>(queued.size());
		for (int i = 0; i < queued.size(); i++) {
			// another node claimed the ones that did not change
			if (updated[0][i] != 0) {
				claimed.add(queued.get(i));
			}
		}
		// a claim lost in a crash would put the rows back in the queue after their
		// messages
		// went out: they would be sent twice
		this.durable.flushAfterCommit();
		return claimed;
	}

	/**
	 * Writes each claimed recipient's outcome.
	 */
	void finish(CampaignId campaign, List<Outcome> outcomes) {
		this.batch.batchUpdate(
				"update campaigns_recipients set status = ?, sent_at = ?, message_id = ?, error = ?"
						+ " where campaign_id = ? and contact_id = ? and status = 'CLAIMED'",
				outcomes, 500, (statement, outcome) -> {
					statement.setString(1, outcome.status());
					statement.setObject(2, Timestamps.utc(outcome.at()));
					statement.setString(3, outcome.messageId());
					statement.setString(4, cut(outcome.error()));
					statement.setObject(5, campaign.value());
					statement.setObject(6, outcome.recipient().contact().value());
				});
	}

	/**
	 * Puts claimed recipients whose message never reached SMTP back in the queue.
	 */
	void release(CampaignId campaign, List<Recipient> recipients) {
		this.batch.batchUpdate(
				"update campaigns_recipients set status = 'QUEUED', claimed_at = null"
						+ " where campaign_id = ? and contact_id = ? and status = 'CLAIMED'",
				recipients, 500, (statement, recipient) -> {
					statement.setObject(1, campaign.value());
					statement.setObject(2, recipient.contact().value());
				});
	}

	/**
	 * After a restart: recipients claimed before it may or may not have been handed to
	 * SMTP; they are never sent again (at most once) and count as failed.
	 * @return how many
	 */
	int failInterrupted(CampaignId campaign, Instant claimedBefore) {
		return this.jdbc
			.sql("update campaigns_recipients set status = 'FAILED', error = 'interrupted: the send stopped while"
					+ " this message was being handed to SMTP; it is not sent again'"
					+ " where campaign_id = ? and status = 'CLAIMED' and claimed_at < ?")
			.params(campaign.value(), Timestamps.utc(claimedBefore))
			.update();
	}

	boolean anyLeft(CampaignId campaign) {
		return this.jdbc
			.sql("select count(*) from campaigns_recipients where campaign_id = ? and status in ('QUEUED', 'CLAIMED')")
			.param(campaign.value())
			.query(Long.class)
			.single() > 0;
	}

	private static @Nullable String cut(@Nullable String error) {
		return (error == null || error.length() <= 500) ? error : error.substring(0, 500);
	}

	/**
	 * Someone a campaign goes to.
	 */
	record Recipient(ContactId contact, String email) {
	}

	/**
	 * What became of a claimed recipient.
	 *
	 * @param status {@code SENT}, {@code BOUNCED} or {@code FAILED}
	 * @param error the SMTP server's reply, or why the message was not sent
	 */
	record Outcome(Recipient recipient, String status, Instant at, @Nullable String messageId, @Nullable String error) {

		static Outcome sent(Recipient recipient, Instant at, String messageId) {
			return new Outcome(recipient, "SENT", at, messageId, null);
		}

		static Outcome bounced(Recipient recipient, Instant at, String reply) {
			return new Outcome(recipient, "BOUNCED", at, null, reply);
		}

		static Outcome failed(Recipient recipient, Instant at, String why) {
			return new Outcome(recipient, "FAILED", at, null, why);
		}

	}

}
