package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.TokenFormat;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Spring AS sees each app as a registered client, built once for each copy of the app the
 * {@code apps} module holds, and again when the app changes.
 */
class AppClientsTests {

	private final AppClients clients = new AppClients(mock(Apps.class),
			new OAuthProperties(Duration.ofSeconds(60), Duration.ofDays(30), Duration.ofDays(365), Duration.ofHours(1),
					Duration.ofSeconds(60), Map.of(), true, Duration.ofDays(1), true, Duration.ofDays(90)));

	private final AppId id = AppId.random();

	private final WorkspaceId workspace = WorkspaceId.random();

	@Test
	void theSameAppIsTheSameRegisteredClient() {
		AppClient app = app(List.of("https://crm.example.com/callback"));

		RegisteredClient first = this.clients.toRegisteredClient(app);

		assertThat(this.clients.toRegisteredClient(app)).isSameAs(first);
		assertThat(first.getClientId()).isEqualTo("mgapp-crm");
		assertThat(first.getRedirectUris()).containsExactly("https://crm.example.com/callback");
	}

	@Test
	void aChangedAppIsSeenAtOnce() {
		this.clients.toRegisteredClient(app(List.of("https://crm.example.com/callback")));

		RegisteredClient changed = this.clients
			.toRegisteredClient(app(List.of("https://crm.example.com/callback", "https://crm.example.com/v2")));

		assertThat(changed.getRedirectUris()).containsExactlyInAnyOrder("https://crm.example.com/callback",
				"https://crm.example.com/v2");
	}

	private AppClient app(List<String> redirectUris) {
		return new AppClient(this.id, this.workspace, "mgapp-crm", "Acme CRM", null, null, null, true, redirectUris,
				Set.of(AppClient.AUTHORIZATION_CODE, AppClient.REFRESH_TOKEN), Set.of("contacts.read"),
				TokenFormat.OPAQUE, Duration.ofMinutes(15), false, Instant.parse("2026-11-29T12:00:00Z"), null);
	}

}
