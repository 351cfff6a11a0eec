package dev.mailgate.integrations.internal;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.MultiValueMap;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * What the connection tests share: a WireMock provider per class, people who sign up, and
 * the connect steps through the real filter chain (MockMvc).
 */
abstract class ConnectTestSupport extends IntegrationTestSupport {

	static WireMockServer wiremock;

	@Autowired
	JdbcProviders providers;

	@Autowired
	JdbcConnections connections;

	@Autowired
	ConnectionTokens connectionTokens;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	OAuthFlows flows;

	/** The provider of the test, with its own paths on the class's WireMock. */
	FakeProvider fake;

	/** The person of the test, signed up in a workspace of their own. */
	String email;

	MockHttpSession session;

	@BeforeAll
	static void startProvider() {
		wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		wiremock.start();
	}

	@AfterAll
	static void stopProvider() {
		wiremock.stop();
	}

	@BeforeEach
	void flows() {
		this.flows = new OAuthFlows(this.mvc);
	}

	/**
	 * A new provider on WireMock, and a new person signed in.
	 */
	void newProviderAndPerson(boolean openId, boolean issParameterSupported) {
		this.fake = new FakeProvider(wiremock);
		this.fake.addTo(this.providers, openId, issParameterSupported);
		this.email = uniqueEmail();
		this.session = this.flows.newPerson(this.email);
	}

	void expireAccessTokenIn(ConnectionId connection, Duration duration) {
		this.jdbc.sql("update integrations_connections set access_token_expires_at = ? where id = ?")
			.params(Timestamps.utc(Instant.now().plus(duration)), connection.value())
			.update();
	}

	/**
	 * Clicks Connect: answers the authorization request's parameters.
	 */
	MultiValueMap<String, String> startConnect(MockHttpSession session, FakeProvider provider) {
		MvcTestResult result = this.mvc.post()
			.uri("/integrations/connect/" + provider.registrationId)
			.session(session)
			.with(csrf())
			.exchange();
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).startsWith(provider.issuer() + "/authorize?");
		return OAuthFlows.query(location);
	}

	/**
	 * The provider sends the browser back with these query parameters.
	 */
	MvcTestResult callback(MockHttpSession session, FakeProvider provider, String... parameters) {
		var request = this.mvc.get().uri("/integrations/callback/" + provider.registrationId).session(session);
		for (int i = 0; i + 1 < parameters.length; i += 2) {
			request.param(parameters[i], parameters[i + 1]);
		}
		return request.exchange();
	}

	/**
	 * The whole happy path for an OpenID provider: answers the stored connection.
	 */
	Connection connect(MockHttpSession session, FakeProvider fake, String email, String accessToken,
			String refreshToken, long expiresIn) {
		MultiValueMap<String, String> authorization = startConnect(session, fake);
		fake.tokens(accessToken, refreshToken, expiresIn,
				fake.idToken(fake.issuer(), fake.clientId, authorization.getFirst("nonce"), email));
		MvcTestResult result = callback(session, fake, "code", "code-" + UUID.randomUUID(), "state",
				authorization.getFirst("state"), "iss", fake.issuer());
		assertThat(result.getResponse().getRedirectedUrl()).endsWith("/integrations/callback/" + fake.registrationId);
		Provider provider = this.providers.findByRegistrationId(fake.registrationId).orElseThrow();
		return this.connections.find(member(email).workspace(), provider.id()).orElseThrow();
	}

	/**
	 * The integrations page as the test's person sees it.
	 */
	String integrationsPage() {
		try {
			return this.mvc.get()
				.uri("/integrations")
				.session(this.session)
				.exchange()
				.getResponse()
				.getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	WorkspaceMember member(String email) {
		return this.accounts.memberByEmail(email).orElseThrow();
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

}
