package dev.mailgate.audit.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.mailgate.accounts.UserId;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.integrations.IntegrationEvents;
import dev.mailgate.integrations.ProviderId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Every integration event becomes an audit line in plain words, in the publisher's
 * transaction: providers (platform events, in no workspace) through the operator's pages,
 * connections, syncs and shares as their modules publish them.
 */
class AuditRecorderIntegrationsIntegrationTests extends AuditTestSupport {

	@Autowired
	TransactionOperations transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void addingAProviderOnTheOperatorsPageIsAPlatformEventWithWhoAndFromWhere() {
		String registrationId = "audit-" + UUID.randomUUID().toString().substring(0, 8);
		MockHttpSession operator = signInAsAdministrator();

		assertThat(this.mvc.post()
			.uri("/admin/integrations")
			.session(operator)
			.with(csrf())
			.with(from("198.51.100.7"))
			.param("type", "custom")
			.param("name", "Acme " + registrationId)
			.param("registrationId", registrationId)
			.param("authorizationUri", "https://acme.example/authorize")
			.param("tokenUri", "https://acme.example/token")
			.param("scopes", "contacts.read")
			.param("clientId", "acme-client")
			.param("clientSecret", "acme-secret-never-logged")
			.param("clientAuthMethod", "client_secret_basic")).hasStatus(HttpStatus.FOUND);

		assertThat(rows("kind = ? and detail like ?", "integration.provider_added", "%" + registrationId + "%"))
			.singleElement()
			.satisfies((line) -> {
				assertThat(line.actor()).isEqualTo(ADMIN_EMAIL);
				assertThat(line.workspace()).isNull();
				assertThat(line.ip()).isEqualTo("198.51.100.7");
				assertThat(line.userAgent()).isEqualTo(FIREFOX);
				assertThat(line.detail())
					.isEqualTo("Provider Acme " + registrationId + " (custom) added with client ID acme-client");
			});
		assertThat(this.jdbc.sql("select count(*) from audit_events where detail like '%acme-secret-never-logged%'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void connectionsSyncsAndSharesAreRecordedInTheirWorkspace() {
		Owner owner = newOwner();
		UserId person = this.accounts.personByEmail(owner.email()).orElseThrow().id();
		ConnectionId connection = new ConnectionId(UUID.randomUUID());
		Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);

		publish(new IntegrationEvents.AccountConnected(connection, owner.workspace(), new ProviderId(UUID.randomUUID()),
				"HubSpot", "ada@crm.example", person, at));
		publish(new IntegrationEvents.ReconnectNeeded(connection, owner.workspace(), "HubSpot", person,
				"invalid_grant: refresh token revoked", at.plusSeconds(1)));
		UUID succeeded = UUID.randomUUID();
		UUID failed = UUID.randomUUID();
		publish(new IntegrationEvents.ContactSyncFinished(succeeded, connection, owner.workspace(), "succeeded", 1200,
				30, 2, at.plusSeconds(2)));
		publish(new IntegrationEvents.ContactSyncFinished(failed, connection, owner.workspace(), "failed", 0, 0, 0,
				at.plusSeconds(3)));
		CampaignId campaign = new CampaignId(UUID.randomUUID());
		publish(new IntegrationEvents.CampaignShared(connection, owner.workspace(), campaign,
				"https://www.linkedin.com/feed/update/urn:li:share:1", person, at.plusSeconds(4)));
		publish(new IntegrationEvents.AccountDisconnected(connection, owner.workspace(), "HubSpot", person, true,
				at.plusSeconds(5)));

		assertThat(eventsOf(owner.workspace()).stream()
			.filter((line) -> line.kind().startsWith("integration."))
			.map((line) -> line.kind() + " " + line.outcome() + " " + line.actor() + ": " + line.detail()))
			.containsExactly(
					"integration.connected success " + owner.email() + ": HubSpot account ada@crm.example connected",
					"integration.reconnect_needed failure system: HubSpot refused to renew the connection's access "
							+ "(invalid_grant: refresh token revoked); someone needs to connect it again",
					"integration.sync_finished success system: Contact sync succeeded: 1,200 created, 30 updated, "
							+ "2 failed (run " + succeeded + ")",
					"integration.sync_failed failure system: Contact sync failed: 0 created, 0 updated, 0 failed (run "
							+ failed + ")",
					"integration.campaign_shared success " + owner.email() + ": Campaign " + campaign.value()
							+ " shared as https://www.linkedin.com/feed/update/urn:li:share:1",
					"integration.disconnected success " + owner.email()
							+ ": HubSpot disconnected; its tokens were revoked at HubSpot");
	}

	@Test
	void theAuditLogPageFiltersIntegrationEvents() {
		Owner owner = newOwner();
		UserId person = this.accounts.personByEmail(owner.email()).orElseThrow().id();
		publish(new IntegrationEvents.AccountConnected(new ConnectionId(UUID.randomUUID()), owner.workspace(),
				new ProviderId(UUID.randomUUID()), "Another Mailgate", "bea@elsewhere.example", person, Instant.now()));

		assertThat(this.mvc.get().uri("/security/audit?kind=integrations").session(owner.session())).hasStatusOk()
			.bodyText()
			.contains("All: Integrations", "Account connected",
					"Another Mailgate account bea@elsewhere.example connected");
	}

	@Test
	void aLineIsNotWrittenWhenThePublishersTransactionRollsBack() {
		Owner owner = newOwner();
		UserId person = this.accounts.personByEmail(owner.email()).orElseThrow().id();

		this.transactions.executeWithoutResult((status) -> {
			this.events.publishEvent(new IntegrationEvents.AccountDisconnected(new ConnectionId(UUID.randomUUID()),
					owner.workspace(), "LinkedIn", person, false, Instant.now()));
			status.setRollbackOnly();
		});

		assertThat(eventsOf(owner.workspace())).noneMatch((line) -> line.kind().startsWith("integration."));
	}

	private void publish(Object event) {
		this.transactions.executeWithoutResult((status) -> this.events.publishEvent(event));
	}

}
