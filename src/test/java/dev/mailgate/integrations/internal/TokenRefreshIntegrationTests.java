package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;

import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.util.MultiValueMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access tokens for the jobs: refreshed ahead of expiry, once however many threads ask,
 * and what the provider's refusals and outages do to the connection.
 */
class TokenRefreshIntegrationTests extends ConnectTestSupport {

	Connection connection;

	@BeforeEach
	void connected() {
		newProviderAndPerson(true, false);
		this.connection = connect(this.session, this.fake, this.email, "access-1", "refresh-1", 3600);
	}

	@Test
	void tokenFarFromExpiryIsUsedAsIs() {
		assertThat(this.connectionTokens.accessToken(this.connection.id())).isEqualTo("access-1");
		assertThat(this.fake.refreshRequests()).isEmpty();
	}

	@Test
	@DisplayName("A token expiring within refresh-ahead is refreshed first (RFC 6749 §6)")
	void refreshesAheadOfExpiry() {
		expireAccessTokenIn(this.connection.id(), Duration.ofSeconds(30));
		this.fake.refreshResponse(okJson(tokens("access-2", "refresh-2")));

		assertThat(this.connectionTokens.accessToken(this.connection.id())).isEqualTo("access-2");
		assertThat(this.connectionTokens.accessToken(this.connection.id())).isEqualTo("access-2");

		assertThat(this.fake.refreshRequests()).hasSize(1);
		MultiValueMap<String, String> form = OAuthFlows
			.query("http://x/?" + this.fake.refreshRequests().get(0).getBodyAsString());
		assertThat(form.getFirst("refresh_token")).isEqualTo("refresh-1");
		assertThat(this.fake.refreshRequests().get(0).getHeader("Authorization")).startsWith("Basic ");
		TokenSet stored = this.connections.tokens(this.connection.id()).orElseThrow();
		assertThat(stored.refreshToken()).isEqualTo("refresh-2");
		Connection refreshed = this.connections.find(this.connection.id()).orElseThrow();
		assertThat(refreshed.tokenVersion()).isEqualTo(this.connection.tokenVersion() + 1);
		assertThat(refreshed.refreshedAt()).isNotNull();
	}

	@Test
	void providerThatSendsNoNewRefreshTokenKeepsTheOld() {
		expireAccessTokenIn(this.connection.id(), Duration.ofSeconds(-5));
		this.fake.refreshResponse(
				okJson("{\"access_token\": \"access-2\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"));

		assertThat(this.connectionTokens.accessToken(this.connection.id())).isEqualTo("access-2");

		assertThat(this.connections.tokens(this.connection.id()).orElseThrow().refreshToken()).isEqualTo("refresh-1");
	}

	@Test
	void refreshesOneAtATimeAcrossThreads() throws Exception {
		expireAccessTokenIn(this.connection.id(), Duration.ofSeconds(10));
		this.fake.refreshResponse(okJson(tokens("access-2", "refresh-2")).withFixedDelay(300));
		ConnectionId id = this.connection.id();
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<String>> askers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			askers.add(() -> {
				start.await();
				return this.connectionTokens.accessToken(id);
			});
		}
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> answers = askers.stream().map(threads::submit).toList();
			start.countDown();
			for (Future<String> answer : answers) {
				assertThat(answer.get()).isEqualTo("access-2");
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(this.fake.refreshRequests()).hasSize(1);
	}

	@Test
	@DisplayName("invalid_grant marks the connection reconnect needed, emails the person and shows the banner (RFC 6749 §5.2)")
	void refreshWhenInvalidGrantThenReconnectNeeded() throws Exception {
		expireAccessTokenIn(this.connection.id(), Duration.ofSeconds(5));
		this.fake.refreshResponse(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"invalid_grant\", \"error_description\": \"Refresh token revoked\"}"));

		assertThatThrownBy(() -> this.connectionTokens.accessToken(this.connection.id()))
			.isInstanceOf(ConnectionUnusable.class)
			.hasMessageContaining("needs reconnecting");

		Connection after = this.connections.find(this.connection.id()).orElseThrow();
		assertThat(after.status()).isEqualTo(ConnectionStatus.RECONNECT_NEEDED);
		assertThat(after.statusDetail()).contains("invalid_grant");
		assertThatThrownBy(() -> this.connectionTokens.accessToken(this.connection.id()))
			.isInstanceOf(ConnectionUnusable.class);
		MimeMessage mail = awaitMail(this.email);
		assertThat(mail.getSubject())
			.isEqualTo("Reconnect your %s account in Mailgate".formatted(after.provider().name()));
		assertThat((String) mail.getContent()).contains(ISSUER + "/integrations");
		String page = integrationsPage();
		assertThat(page).contains("no longer accepts Mailgate&#39;s access").contains(">Reconnect<");
	}

	@Test
	void refreshWhenProviderAnswers503ThenProviderUnavailableAndConnectionUnchanged() {
		expireAccessTokenIn(this.connection.id(), Duration.ofSeconds(5));
		this.fake.refreshResponse(aResponse().withStatus(503).withHeader("Retry-After", "7"));

		assertThatThrownBy(() -> this.connectionTokens.accessToken(this.connection.id())).isInstanceOfSatisfying(
				ProviderUnavailable.class, (ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(7)));

		Connection after = this.connections.find(this.connection.id()).orElseThrow();
		assertThat(after.status()).isEqualTo(ConnectionStatus.ACTIVE);
		assertThat(after.tokenVersion()).isEqualTo(this.connection.tokenVersion());
		assertThat(this.connections.tokens(this.connection.id()).orElseThrow().accessToken()).isEqualTo("access-1");
	}

	@Test
	void afterRejectionRefreshesTheRejectedToken() {
		this.fake.refreshResponse(okJson(tokens("access-2", "refresh-2")));

		assertThat(this.connectionTokens.afterRejection(this.connection.id(), "access-1")).isEqualTo("access-2");
		assertThat(this.fake.refreshRequests()).hasSize(1);
	}

	@Test
	void afterRejectionOfAnOlderTokenAnswersTheNewerOneWithoutRefreshing() {
		assertThat(this.connectionTokens.afterRejection(this.connection.id(), "access-0")).isEqualTo("access-1");
		assertThat(this.fake.refreshRequests()).isEmpty();
	}

	@Test
	void disconnectedConnectionIsUnusable() {
		this.connections.delete(this.connection.id());

		assertThatThrownBy(() -> this.connectionTokens.accessToken(this.connection.id()))
			.isInstanceOf(ConnectionUnusable.class)
			.hasMessageContaining("disconnected");
	}

	private static String tokens(String access, String refresh) {
		return "{\"access_token\": \"%s\", \"token_type\": \"Bearer\", \"expires_in\": 3600, \"refresh_token\": \"%s\"}"
			.formatted(access, refresh);
	}

	private static MimeMessage awaitMail(String to) throws Exception {
		Instant deadline = Instant.now().plusSeconds(10);
		while (Instant.now().isBefore(deadline)) {
			for (MimeMessage message : SMTP.getReceivedMessages()) {
				if (message.getAllRecipients()[0].toString().equals(to)) {
					return message;
				}
			}
			SMTP.waitForIncomingEmail(200, SMTP.getReceivedMessages().length + 1);
		}
		throw new AssertionError("No email to " + to + " " + UUID.randomUUID());
	}

}
