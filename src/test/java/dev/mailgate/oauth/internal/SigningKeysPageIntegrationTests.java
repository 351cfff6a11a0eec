package dev.mailgate.oauth.internal;

import java.util.UUID;

import com.nimbusds.jose.jwk.ECKey;
import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The platform administrators' signing keys page: the keys in use and when they are due,
 * and a rotation by hand that the JWKS publishes, the audit log records, and that shows
 * no key material.
 */
class SigningKeysPageIntegrationTests extends IntegrationTestSupport {

	@Autowired
	SigningKeys signingKeys;

	@Autowired
	TokenMacKeys tokenKeys;

	@Autowired
	JdbcClient jdbc;

	MockHttpSession operator;

	@BeforeEach
	void signInAsOperator() {
		this.operator = signInAsAdministrator();
	}

	@Test
	void administratorRotatesBothKeysAndTheRetiredOnesStayPublishedWithoutAnyKeyMaterialShown() {
		ECKey before = this.signingKeys.current();
		int tokenKeyBefore = this.tokenKeys.current().id();
		assertThat(this.mvc.get().uri("/admin/signing-keys").session(this.operator)).hasStatusOk()
			.bodyText()
			.contains(before.getKeyID(), "Signs new tokens", "Each key is replaced once it is", "90 days");

		assertThat(this.mvc.post().uri("/admin/signing-keys/rotate").session(this.operator).with(csrf()))
			.hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/admin/signing-keys");

		ECKey after = this.signingKeys.current();
		assertThat(after.getKeyID()).isNotEqualTo(before.getKeyID());
		assertThat(this.tokenKeys.current().id()).isGreaterThan(tokenKeyBefore);
		assertThat(this.mvc.get().uri("/admin/signing-keys").session(this.operator)).hasStatusOk()
			.bodyText()
			.contains("Both keys were rotated.", after.getKeyID(), before.getKeyID(), "Retired", "in the JWKS until")
			.doesNotContain(before.getD().toString(), after.getD().toString(), "\"d\"");
		// RFC 7517 §5: the JWKS publishes the new key and, for its retention, the retired
		// one
		assertThat(this.mvc.get().uri("/oauth2/jwks")).hasStatusOk()
			.bodyText()
			.contains(after.getKeyID(), before.getKeyID())
			.doesNotContain("\"d\"");
		assertThat(this.jdbc
			.sql("select actor, detail from audit_events where kind = 'signing_keys.rotated' and workspace_id is null "
					+ "order by at desc limit 1")
			.query((rs, row) -> rs.getString(1) + ": " + rs.getString(2))
			.single()).startsWith(ADMIN_EMAIL + ": Rotated by hand:")
			.contains("key id " + after.getKeyID() + " signs now");
	}

	@Test
	void peopleWhoAreNotPlatformAdministratorsAreRefused() {
		MockHttpSession marketer = new OAuthFlows(this.mvc).newPerson("marketer-" + UUID.randomUUID() + "@example.com");
		String kid = this.signingKeys.current().getKeyID();

		assertThat(this.mvc.get().uri("/admin/signing-keys").session(marketer)).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.post().uri("/admin/signing-keys/rotate").session(marketer).with(csrf()))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.post().uri("/admin/signing-keys/rotate").session(this.operator)).as("no CSRF token")
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/admin/signing-keys")).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login");
		assertThat(this.signingKeys.current().getKeyID()).isEqualTo(kid);
	}

}
