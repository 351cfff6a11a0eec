package dev.mailgate.webhooks.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignEvents.CampaignSent;
import dev.mailgate.campaigns.CampaignEvents.EngagementRecorded;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactEvents.ContactCreated;
import dev.mailgate.contacts.ContactEvents.ContactUnsubscribed;
import dev.mailgate.contacts.ContactEvents.ContactUpdated;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: each event that a subscription wants becomes a delivery row,
 * written in the publisher's transaction, so that a rolled-back change sends nothing and
 * a committed one is never lost. The rows of one transaction are inserted together just
 * before it commits (a batch of 1,000 contacts makes one batched insert, not 1,000); a
 * workspace without subscriptions costs one cache look-up per event.
 */
@Component
class WebhookOutbox {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INSERT = """
			insert into webhooks_deliveries (id, subscription_id, event_type, payload, status, attempts, next_attempt_at,
			created_at) values (?, ?, ?, ?, 'PENDING', 0, ?, ?)""";

	private final WorkspaceSubscriptions subscriptions;

	private final JdbcTemplate jdbc;

	private final Contacts contacts;

	WebhookOutbox(WorkspaceSubscriptions subscriptions, JdbcTemplate jdbc, Contacts contacts) {
		this.subscriptions = subscriptions;
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	@EventListener
	void on(ContactCreated event) {
		enqueue(event.workspace(), EventType.CONTACT_CREATED, event.at(),
				contact(event.workspace(), event.contact().value(), event.email()));
	}

	@EventListener
	void on(ContactUpdated event) {
		enqueue(event.workspace(), EventType.CONTACT_UPDATED, event.at(),
				contact(event.workspace(), event.contact().value(), event.email()));
	}

	@EventListener
	void on(ContactUnsubscribed event) {
		Map<String, @Nullable Object> data = contact(event.workspace(), event.contact().value(), event.email());
		data.put("source", event.source());
		enqueue(event.workspace(), EventType.CONTACT_UNSUBSCRIBED, event.at(), data);
	}

	@EventListener
	void on(CampaignSent event) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("id", event.campaign().toString());
		data.put("workspace_id", event.workspace().value().toString());
		data.put("name", event.name());
		data.put("subject", event.subject());
		data.put("recipients", event.recipients());
		data.put("archive_url", event.archiveUrl());
		enqueue(event.workspace(), EventType.CAMPAIGN_SENT, event.at(), data);
	}

	@EventListener
	void on(EngagementRecorded event) {
		EventType type = EventType.of(event.kind());
		if (this.subscriptions.wanting(event.workspace(), type).isEmpty()) {
			return;
		}
		// Opens and clicks are recorded without the address (the tracking hot path reads
		// nothing it does not need): looked up only when a subscription wants the event.
		String email = event.email();
		if (email == null && event.contact() != null) {
			email = this.contacts.find(event.workspace(), event.contact()).map(Contact::email).orElse(null);
		}
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("event_id", event.event().toString());
		data.put("workspace_id", event.workspace().value().toString());
		data.put("campaign_id", event.campaign().toString());
		data.put("contact_id", (event.contact() != null) ? event.contact().value().toString() : null);
		data.put("email", email);
		data.put("url", event.url());
		enqueue(event.workspace(), type, event.at(), data);
	}

	private static Map<String, @Nullable Object> contact(WorkspaceId workspace, UUID id, String email) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("id", id.toString());
		data.put("workspace_id", workspace.value().toString());
		data.put("email", email);
		return data;
	}

	private void enqueue(WorkspaceId workspace, EventType type, Instant at, Map<String, @Nullable Object> data) {
		List<UUID> wanting = this.subscriptions.wanting(workspace, type);
		if (wanting.isEmpty()) {
			return;
		}
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("type", type.value());
		payload.put("timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString());
		payload.put("data", data);
		String body = JSON.writeValueAsString(payload);
		Instant now = Instant.now();
		List<Object[]> rows = new ArrayList<>(wanting.size());
		for (UUID subscription : wanting) {
			rows.add(new Object[] { TimeOrderedIds.next(now), subscription, type.value(), body, Timestamps.utc(now),
					Timestamps.utc(now) });
		}
		pending().addAll(rows);
	}

	/**
	 * The rows of the current transaction, inserted just before it commits; without a
	 * transaction, a list that is inserted at once.
	 */
	private List<Object[]> pending() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			return new ImmediateRows(this.jdbc);
		}
		@SuppressWarnings("unchecked")
		List<Object[]> rows = (List<Object[]>) TransactionSynchronizationManager.getResource(this);
		if (rows == null) {
			List<Object[]> created = new ArrayList<>();
			TransactionSynchronizationManager.bindResource(this, created);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCommit(boolean readOnly) {
					if (!created.isEmpty()) {
						WebhookOutbox.this.jdbc.batchUpdate(INSERT, created);
					}
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(WebhookOutbox.this);
				}

			});
			rows = created;
		}
		return rows;
	}

	/**
	 * Outside a transaction, rows added are inserted at once.
	 */
	private static final class ImmediateRows extends ArrayList<Object[]> {

		private final JdbcTemplate jdbc;

		ImmediateRows(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public boolean addAll(java.util.Collection<? extends Object[]> rows) {
			this.jdbc.batchUpdate(INSERT, new ArrayList<>(rows));
			return true;
		}

	}

}
