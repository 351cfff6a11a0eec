package dev.mailgate.integrations.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.UserId;
import dev.mailgate.integrations.IntegrationEvents;
import dev.mailgate.platform.CacheEvictions;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Disconnecting: the provider's revocation endpoint first (RFC 7009), the tokens deleted
 * here whatever it says, and who may do it.
 */
@RecordApplicationEvents
class DisconnectIntegrationTests extends ConnectTestSupport {

	@Autowired
	ApplicationEvents events;

	@Autowired
	CacheEvictions evictions;

	Connection connection;

	@BeforeEach
	void connected() {
		newProviderAndPerson(true, false);
		this.connection = connect(this.session, this.fake, this.email, "access-" + UUID.randomUUID(), "refresh-1",
				3600);
	}

	@Test
	void confirmationPageSaysWhatHappens() throws Exception {
		String page = this.mvc.get()
			.uri(disconnectPath())
			.session(this.session)
			.exchange()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("Disconnect Fake CRM").contains("revoke its access").contains("Keep connected");
	}

	@Test
	@DisplayName("Disconnect revokes the refresh token, then the access token, authenticated as Mailgate (RFC 7009 §2.1), then deletes the row")
	void disconnectRevokesAtProviderThenDeletesTheTokens() {
		String accessToken = this.connections.tokens(this.connection.id()).orElseThrow().accessToken();
		this.fake.revocation(200);

		MvcTestResult result = disconnect(this.session);

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/integrations");
		assertThat((String) result.getMvcResult().getFlashMap().get("notice"))
			.contains("confirmed that Mailgate's access is revoked");
		assertThat(this.fake.revocationRequests()).hasSize(2);
		assertRevocation(this.fake.revocationRequests().get(0), "refresh-1", "refresh_token");
		assertRevocation(this.fake.revocationRequests().get(1), accessToken, "access_token");
		assertThat(this.connections.find(this.connection.id())).isEmpty();
		assertThat(this.events.stream(IntegrationEvents.AccountDisconnected.class)).singleElement()
			.satisfies((disconnected) -> assertThat(disconnected.revokedAtProvider()).isTrue());
	}

	@Test
	void disconnectWhenRevocationEndpointDownStillDeletesAndSaysSo() {
		this.fake.revocation(503);

		MvcTestResult result = disconnect(this.session);

		assertThat((String) result.getMvcResult().getFlashMap().get("warning"))
			.contains("did not confirm revoking Mailgate's access")
			.contains("remove Mailgate in your Fake CRM");
		assertThat(this.connections.find(this.connection.id())).isEmpty();
		assertThat(this.events.stream(IntegrationEvents.AccountDisconnected.class)).singleElement()
			.satisfies((disconnected) -> assertThat(disconnected.revokedAtProvider()).isFalse());
	}

	@Test
	void memberWhoDidNotConnectItIsRefused() {
		String other = uniqueEmail();
		MockHttpSession otherSession = this.flows.newPerson(other);
		UserId member = member(other).person().id();
		this.jdbc.sql("update accounts_memberships set workspace_id = ?, role = 'MEMBER' where user_id = ?")
			.params(this.connection.workspace().value(), member.value())
			.update();
		this.evictions.evict(Accounts.DEFAULT_WORKSPACES, member.toString());

		assertThat(disconnect(otherSession).getResponse().getStatus()).isEqualTo(403);
		assertThat(this.connections.find(this.connection.id())).isPresent();
		assertThat(this.fake.revocationRequests()).isEmpty();
	}

	@Test
	void someoneFromAnotherWorkspaceSeesNothing() {
		MockHttpSession stranger = this.flows.newPerson(uniqueEmail());

		MvcTestResult result = disconnect(stranger);

		assertThat((String) result.getMvcResult().getFlashMap().get("notice")).contains("no longer connected");
		assertThat(this.connections.find(this.connection.id())).isPresent();
	}

	@Test
	void disconnectWithoutCsrfTokenIsRefused() {
		MvcTestResult result = this.mvc.post().uri(disconnectPath()).session(this.session).exchange();

		assertThat(result.getResponse().getStatus()).isEqualTo(403);
		assertThat(this.connections.find(this.connection.id())).isPresent();
	}

	private MvcTestResult disconnect(MockHttpSession session) {
		return this.mvc.post().uri(disconnectPath()).session(session).with(csrf()).exchange();
	}

	private String disconnectPath() {
		return "/integrations/connections/" + this.connection.id() + "/disconnect";
	}

	private void assertRevocation(LoggedRequest request, String token, String hint) {
		MultiValueMap<String, String> form = OAuthFlows.query("http://x/?" + request.getBodyAsString());
		assertThat(form.getFirst("token")).isEqualTo(token);
		assertThat(form.getFirst("token_type_hint")).isEqualTo(hint);
		assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString((this.fake.clientId + ":" + this.fake.clientSecret).getBytes(StandardCharsets.UTF_8)));
	}

}
