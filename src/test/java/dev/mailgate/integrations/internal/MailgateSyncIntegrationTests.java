package dev.mailgate.integrations.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactQuery;
import dev.mailgate.contacts.FieldType;
import dev.mailgate.contacts.SubscriptionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Mailgate-to-Mailgate sync: a workspace of this running instance reads another
 * workspace's contacts through {@code /api/v1/contacts} over HTTPS, with a
 * client-credentials token of an app of that workspace.
 */
class MailgateSyncIntegrationTests extends SyncTestSupport {

	static final int CONTACTS = 2_500;

	private Member source;

	private Member target;

	private String token = "";

	@BeforeEach
	void twoWorkspaces() {
		this.source = member();
		this.target = member();
		this.token = appToken(this.source.workspace(), "contacts.read");
	}

	@Test
	void syncsEveryContactAcrossPagesWithCustomFieldsTagsAndStatus() throws Exception {
		seed();
		this.contacts.defineField(this.target.workspace(), "plan", "Plan", FieldType.TEXT);
		this.contacts.defineField(this.target.workspace(), "seats", "Seats", FieldType.NUMBER);
		Connection connection = connection(this.target, provider(ProviderType.MAILGATE, ISSUER), this.token);

		SyncRun run = awaitFinished(this.syncRuns.start(connection.id(), "manual").id());

		assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
		assertThat(List.of(run.total(), run.fetched(), run.created(), run.updated(), run.failed()))
			.containsExactly((long) CONTACTS, (long) CONTACTS, (long) CONTACTS, 0L, 0L);
		assertThat(this.contacts.count(this.target.workspace(), ContactQuery.all())).isEqualTo(CONTACTS);
		Contact one = this.contacts.findByEmail(this.target.workspace(), "m7@example.com").orElseThrow();
		assertThat(one.firstName()).isEqualTo("First7");
		assertThat(one.tags()).containsExactly("customer");
		assertThat(one.fields()).containsEntry("plan", "pro")
			.containsEntry("seats", new BigDecimal("7"))
			.doesNotContainKey("note");
		assertThat(this.contacts.findByEmail(this.target.workspace(), "m0@example.com").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
	}

	@Test
	void countEndpointCountsWhatTheListingWouldPageThrough() throws Exception {
		this.contacts.upsertAll(this.source.workspace(),
				List.of(ContactChanges.email("c1@example.com"), ContactChanges.email("c2@example.com")));

		assertThat(this.mvc.get()
			.uri("/api/v1/contacts/count")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange()).bodyJson().extractingPath("$.count").isEqualTo(2);
		assertThat(this.mvc.get()
			.uri("/api/v1/contacts/count?updated_since=2999-01-01T00:00:00Z")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange()).bodyJson().extractingPath("$.count").isEqualTo(0);
		assertThat(this.mvc.get()
			.uri("/api/v1/contacts/count?updated_since=yesterday")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange()).hasStatus(400).bodyJson().extractingPath("$.field").isEqualTo("updated_since");
	}

	private void seed() {
		this.contacts.defineField(this.source.workspace(), "plan", "Plan", FieldType.TEXT);
		this.contacts.defineField(this.source.workspace(), "seats", "Seats", FieldType.NUMBER);
		this.contacts.defineField(this.source.workspace(), "note", "Note", FieldType.TEXT);
		for (int from = 0; from < CONTACTS; from += 1000) {
			List<ContactChanges> batch = new ArrayList<>();
			for (int i = from; i < Math.min(CONTACTS, from + 1000); i++) {
				batch.add(new ContactChanges("m" + i + "@example.com", "First" + i, "Last" + i,
						(i == 0) ? SubscriptionStatus.UNSUBSCRIBED : null, "test", List.of("customer"),
						Map.of("plan", "pro", "seats", new BigDecimal(i), "note", "internal"), null));
			}
			this.contacts.upsertAll(this.source.workspace(), batch);
		}
	}

}
