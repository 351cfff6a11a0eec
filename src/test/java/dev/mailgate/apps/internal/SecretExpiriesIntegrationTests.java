package dev.mailgate.apps.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret that reaches its expiry date is announced once (and so lands in the audit log
 * once), whether its maximum age or a rotation's grace period ended it; one revoked
 * before it expired is not.
 */
class SecretExpiriesIntegrationTests extends IntegrationTestSupport {

	@Autowired
	SecretExpiries expiries;

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSecretEndedByARotationsGracePeriodIsAnnouncedOnce() throws InterruptedException {
		RegisteredApp app = appOfANewWorkspace();
		String token = (String) new OAuthFlows(this.mvc)
			.clientCredentials(app.app().clientId(), app.clientSecret(), "apps.manage")
			.get("access_token");
		assertThat(this.mvc.post()
			.uri("/api/v1/apps/" + app.app().clientId() + "/secrets")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"grace_period_seconds\": 1}")).hasStatus(201);

		Instant deadline = Instant.now().plusSeconds(10);
		while (expired(app).isEmpty() && Instant.now().isBefore(deadline)) {
			this.expiries.announceExpired();
			Thread.sleep(100);
		}
		this.expiries.announceExpired();

		assertThat(expired(app)).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("actor", "system")
				.containsEntry("detail", "Client secret %s… of Ops Robot (%s) expired"
					.formatted(app.clientSecret().substring(0, 8), app.app().clientId())));
	}

	@Test
	void aSecretRevokedBeforeItsExpiryIsNotAnnounced() {
		RegisteredApp app = appOfANewWorkspace();
		Instant revoked = Instant.now().minus(Duration.ofMinutes(2));
		this.jdbc.sql("update apps_client_secrets set revoked_at = ?, expires_at = ? where app_id = ?")
			.params(Timestamps.utc(revoked), Timestamps.utc(revoked.plusSeconds(30)), app.app().id().value())
			.update();

		this.expiries.announceExpired();

		assertThat(expired(app)).isEmpty();
	}

	private RegisteredApp appOfANewWorkspace() {
		String email = "expiry-" + UUID.randomUUID() + "@example.com";
		new OAuthFlows(this.mvc).newPerson(email);
		WorkspaceId workspace = this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id())
			.orElseThrow();
		return this.apps.register(workspace, ClientMetadata.toNewApp(Map.of("client_name", "Ops Robot", "grant_types",
				List.of("client_credentials"), "scope", "apps.manage")), false);
	}

	private List<Map<String, Object>> expired(RegisteredApp app) {
		return this.jdbc.sql("select actor, detail from audit_events where kind = 'secret.expired' and client_id = ?")
			.param(app.app().clientId())
			.query()
			.listOfRows();
	}

}
