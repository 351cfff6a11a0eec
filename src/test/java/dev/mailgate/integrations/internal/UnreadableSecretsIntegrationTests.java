package dev.mailgate.integrations.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * What happens when Mailgate can no longer read what it encrypted (the encryption key was
 * lost or replaced without keeping the old one, or a ciphertext was copied from another
 * row): a clear state and message, never a 500.
 */
class UnreadableSecretsIntegrationTests extends ConnectTestSupport {

	@Test
	void unreadableTokensMarkTheConnectionReconnectNeeded() {
		newProviderAndPerson(true, false);
		Connection connection = connect(this.session, this.fake, this.email, "access-1", "refresh-1", 3600);
		Connection other = connectSomeoneElse();
		// another row's ciphertext: the associated data (row and column) does not match
		this.jdbc
			.sql("update integrations_connections set access_token = (select access_token from "
					+ "integrations_connections where id = ?) where id = ?")
			.params(other.id().value(), connection.id().value())
			.update();

		assertThatExceptionOfType(ConnectionUnusable.class)
			.isThrownBy(() -> this.connectionTokens.accessToken(connection.id()))
			.withMessageContaining("cannot read");
		assertThat(this.connections.find(connection.id()).orElseThrow().status())
			.isEqualTo(ConnectionStatus.RECONNECT_NEEDED);
		assertThat(integrationsPage()).contains("Reconnect");
	}

	@Test
	void unreadableClientSecretRefusesConnectWithAMessageInsteadOfAnError() {
		newProviderAndPerson(true, false);
		Provider provider = this.providers.findByRegistrationId(this.fake.registrationId).orElseThrow();
		this.jdbc.sql("update integrations_providers set client_secret = 'AQIDBAUGBwgJCgsMDQ4PEA==' where id = ?")
			.param(provider.id().value())
			.update();

		var result = this.mvc.post()
			.uri("/integrations/connect/" + this.fake.registrationId)
			.session(this.session)
			.with(csrf())
			.exchange();

		assertThat(result.getResponse().getStatus()).isLessThan(500);
		assertThat(result.getResponse().getRedirectedUrl()).doesNotStartWith(this.fake.issuer());
	}

	private Connection connectSomeoneElse() {
		String email = this.email;
		var session = this.session;
		newProviderAndPerson(true, false);
		Connection other = connect(this.session, this.fake, this.email, "access-x", "refresh-x", 3600);
		this.email = email;
		this.session = session;
		return other;
	}

}
