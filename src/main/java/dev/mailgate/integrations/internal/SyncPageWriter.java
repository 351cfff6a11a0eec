package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.mailgate.contacts.BatchItemResult;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes one page of a provider's contacts and the run's progress in one transaction:
 * after a crash the run continues from the last page written, and the page it was in the
 * middle of is written again (upserts by email, so nothing doubles). New contacts take
 * their status from the provider; existing ones keep theirs, so a sync never subscribes
 * again someone who unsubscribed here.
 */
@Component
class SyncPageWriter {

	static final int FAILURES_KEPT = 5;

	private final Contacts contacts;

	private final JdbcSyncRuns runs;

	private final TransactionOperations transactions;

	private final Clock clock;

	SyncPageWriter(Contacts contacts, JdbcSyncRuns runs, TransactionOperations transactions, Clock clock) {
		this.contacts = contacts;
		this.runs = runs;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @throws RunLost when another node took the run over meanwhile (nothing is written)
	 */
	void write(SyncRun run, String node, ContactSource.Page page, SyncMapping mapping, String consentSource,
			@Nullable ListId list) {
		List<ContactChanges> items = new ArrayList<>();
		List<ContactSource.SourceContact> sources = new ArrayList<>();
		for (ContactSource.SourceContact contact : page.contacts()) {
			ContactChanges changes = contact.archived() ? null : mapping.changes(contact, consentSource);
			if (changes != null) {
				items.add(changes);
				sources.add(contact);
			}
		}
		this.transactions.executeWithoutResult((status) -> {
			Tally tally = new Tally(page.contacts().size() - items.size(), new ArrayList<>(run.failures()));
			List<BatchItemResult> results = items.isEmpty() ? List.of()
					: this.contacts.upsertAll(run.workspace(), items);
			results.forEach((result) -> tally.count(result, items.get(result.index()).email()));
			statusOfNewContacts(run, results, items, sources);
			if (list != null && !tally.written.isEmpty()) {
				this.contacts.addToList(run.workspace(), list, tally.written);
			}
			JdbcSyncRuns.PageCounts counts = new JdbcSyncRuns.PageCounts(page.contacts().size(), tally.created,
					tally.updated, tally.skipped, tally.failed);
			if (!this.runs.pageWritten(run.id(), node, page.nextCursor(), counts, tally.failures,
					this.clock.instant())) {
				throw new RunLost();
			}
		});
	}

	/**
	 * The provider's status for contacts this page created (those it unsubscribed, for
	 * one), in the same transaction as their creation.
	 */
	private void statusOfNewContacts(SyncRun run, List<BatchItemResult> results, List<ContactChanges> items,
			List<ContactSource.SourceContact> sources) {
		List<ContactChanges> statuses = new ArrayList<>();
		for (BatchItemResult result : results) {
			SubscriptionStatus status = sources.get(result.index()).status();
			if (BatchItemResult.CREATED.equals(result.outcome()) && status != null
					&& status != SubscriptionStatus.SUBSCRIBED) {
				ContactChanges created = items.get(result.index());
				statuses.add(new ContactChanges(created.email(), null, null, status, created.consentSource(), null,
						null, null));
			}
		}
		if (!statuses.isEmpty()) {
			this.contacts.upsertAll(run.workspace(), statuses);
		}
	}

	/**
	 * Counts of one page, and the run's first failures.
	 */
	private static final class Tally {

		final List<ContactId> written = new ArrayList<>();

		final List<String> failures;

		long created;

		long updated;

		long failed;

		final long skipped;

		Tally(long skipped, List<String> failures) {
			this.skipped = skipped;
			this.failures = failures;
		}

		void count(BatchItemResult result, @Nullable String email) {
			if (result.contact() != null) {
				this.written.add(result.contact().id());
			}
			switch (result.outcome()) {
				case BatchItemResult.CREATED -> this.created++;
				case BatchItemResult.UPDATED -> this.updated++;
				default -> failed(result, email);
			}
		}

		private void failed(BatchItemResult result, @Nullable String email) {
			this.failed++;
			if (this.failures.size() < FAILURES_KEPT) {
				String reason = result.errors().isEmpty() ? "rejected"
						: result.errors().get(0).field() + " " + result.errors().get(0).detail();
				this.failures.add(shorten(email + ": " + reason).replace('\n', ' '));
			}
		}

		private static String shorten(String text) {
			return (text.length() > 200) ? text.substring(0, 199) + "…" : text;
		}

	}

	/**
	 * Another node took the run over (this one was silent too long): this node stops.
	 */
	static final class RunLost extends RuntimeException {

		RunLost() {
			super("The run was taken over by another node", null, false, false);
		}

	}

}
