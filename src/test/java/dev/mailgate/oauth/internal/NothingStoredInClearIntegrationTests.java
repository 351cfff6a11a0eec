package dev.mailgate.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.platform.CacheEvictions;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After every kind of flow, no table holds any code, token or secret Mailgate issued: not
 * in a text column, not inside a serialized attribute (DESIGN.md, "Credentials").
 */
class NothingStoredInClearIntegrationTests extends OAuthTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	OAuthProperties properties;

	@Autowired
	Clock clock;

	@Autowired
	TransactionOperations transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	CacheEvictions evictions;

	@Autowired
	AuthorizationInserts inserts;

	@Autowired
	SignedGrants signed;

	@Test
	void noTableHoldsAnIssuedCodeTokenOrSecret() {
		List<String> issued = new ArrayList<>();
		RegisteredApp app = confidentialApp("contacts.read openid profile email");
		issued.add(app.clientSecret());
		issued.add(BOOTSTRAP_CLIENT_SECRET);
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read openid email", pkce);
		issued.add(code);
		Map<String, Object> tokens = this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI,
				pkce);
		issued.add((String) tokens.get("access_token"));
		issued.add((String) tokens.get("refresh_token"));
		issued.add((String) tokens.get("id_token"));
		Map<String, Object> refreshed = OAuthFlows.json(this.flows.token(app.app().clientId(), app.clientSecret(),
				"grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token")));
		issued.add((String) refreshed.get("access_token"));
		issued.add((String) refreshed.get("refresh_token"));
		String creator = (String) this.flows
			.clientCredentials(BOOTSTRAP_CLIENT_ID, BOOTSTRAP_CLIENT_SECRET, "client.create")
			.get("access_token");
		issued.add(creator);
		Map<String, Object> registration = OAuthFlows.json(this.mvc.post()
			.uri("/oauth2/register")
			.header("Authorization", "Bearer " + creator)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"client_name\":\"X\",\"redirect_uris\":[\"https://x.example.com/cb\"]}")
			.exchange());
		issued.add((String) registration.get("client_secret"));
		issued.add((String) registration.get("registration_access_token"));
		assertThat(issued).doesNotContainNull().hasSize(11);

		for (String table : tables()) {
			for (Map<String, Object> row : this.jdbc.sql("select * from " + table).query().listOfRows()) {
				for (Object value : row.values()) {
					String text = (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.ISO_8859_1)
							: String.valueOf(value);
					for (String credential : issued) {
						assertThat(text).as("%s holds an issued credential", table).doesNotContain(credential);
					}
				}
			}
		}
	}

	@Test
	void everyTokensClaimsAndAPersonsGrantAreStoredInTheCompactFormAndTheGrantStillRefreshes() {
		RegisteredApp app = confidentialApp("contacts.read openid email");
		Map<String, Object> tokens = grant(app, "contacts.read openid email");
		accessToken(app, "contacts.read");

		List<byte[]> metadata = tokenMetadataOf(app);
		// the code's, the access token's, the refresh token's and the ID token's (the
		// client_credentials token is signed and stored nowhere)
		assertThat(metadata).hasSize(4).allSatisfy((bytes) -> assertThat(bytes[0]).isEqualTo(AttributeCodec.COMPACT));
		// and the person's grant: who granted it, and the authorization request
		assertThat(this.jdbc
			.sql("select attributes from oauth_authorizations where registered_client_id = ? "
					+ "and grant_type = 'authorization_code'")
			.param(app.app().id().value())
			.query(byte[].class)
			.single()).satisfies((bytes) -> assertThat(bytes[0]).isEqualTo(AttributeCodec.COMPACT));
		// read back: the refresh grant finds the grant, the claims and the spent code
		Map<String, Object> refreshed = OAuthFlows.json(this.flows.token(app.app().clientId(), app.clientSecret(),
				"grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token")));
		assertThat(refreshed).containsKeys("access_token", "refresh_token", "id_token");
	}

	@Test
	void aGrantStoredByANodeWithoutTheCompactFormRefreshesOnANodeWithIt() {
		// docs/deployment.md, a rolling update across the compact form: first every node
		// runs with mailgate.oauth.compact-token-metadata=false, which stores what nodes
		// older than the compact form read; then the flag is removed
		RegisteredApp app = confidentialApp("contacts.read openid email");
		Map<String, Object> tokens = grant(app, "contacts.read openid email");
		String refreshToken = (String) tokens.get("refresh_token");
		HashedAuthorizationService flagOff = new HashedAuthorizationService(this.jdbc, this.clients,
				withoutCompactForm(this.properties), this.clock, this.transactions, this.apps, this.events,
				this.evictions, this.inserts, this.signed);
		flagOff.save(flagOff.findByToken(refreshToken, OAuth2TokenType.REFRESH_TOKEN));

		// Java serialization's stream header, 0xACED, in every token's metadata
		assertThat(tokenMetadataOf(app)).hasSize(4)
			.allSatisfy((bytes) -> assertThat(bytes).startsWith((byte) 0xAC, (byte) 0xED));
		Map<String, Object> refreshed = OAuthFlows.json(this.flows.token(app.app().clientId(), app.clientSecret(),
				"grant_type", "refresh_token", "refresh_token", refreshToken));
		assertThat(refreshed).containsKeys("access_token", "refresh_token", "id_token");
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + refreshed.get("access_token")))
			.hasStatusOk();
		// and this node (the flag on) writes the grant back in the compact form
		assertThat(tokenMetadataOf(app)).allSatisfy((bytes) -> assertThat(bytes[0]).isEqualTo(AttributeCodec.COMPACT));
	}

	private static OAuthProperties withoutCompactForm(OAuthProperties properties) {
		return new OAuthProperties(properties.codeTtl(), properties.refreshTokenIdleTtl(),
				properties.refreshTokenAbsoluteTtl(), properties.retiredKeyRetention(), properties.tokenCacheTtl(),
				properties.leakReporters(), false, properties.expiredGrantRetention(),
				properties.signedClientCredentials(), properties.keyRotation());
	}

	private List<byte[]> tokenMetadataOf(RegisteredApp app) {
		return this.jdbc
			.sql("select code_metadata, access_metadata, refresh_metadata, id_token_metadata "
					+ "from oauth_authorizations where registered_client_id = ?")
			.param(app.app().id().value())
			.query()
			.listOfRows()
			.stream()
			.flatMap((row) -> row.values().stream())
			.filter(byte[].class::isInstance)
			.map(byte[].class::cast)
			.toList();
	}

	private List<String> tables() {
		return this.jdbc.sql("""
				select table_name from information_schema.tables
				where table_schema = 'public' and table_type in ('TABLE', 'BASE TABLE')""").query(String.class).list();
	}

}
