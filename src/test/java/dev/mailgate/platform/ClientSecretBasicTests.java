package dev.mailgate.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6749 §2.3.1: "The client identifier is encoded using the
 * application/x-www-form-urlencoded encoding algorithm [...], and the encoded value is
 * used as the username; the client password is encoded using the same algorithm and used
 * as the password."
 */
class ClientSecretBasicTests {

	@Test
	void idAndSecretAreEachFormEncodedBeforeTheyAreJoined() {
		String header = ClientSecretBasic.authorization("app:one", "s3cret +/é");

		assertThat(header).startsWith("Basic ");
		assertThat(new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8))
			.isEqualTo("app%3Aone:s3cret+%2B%2F%C3%A9");
	}

	@Test
	void theAuthorizationServerReadsBackTheIdAndSecretAsTheyWere() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addHeader("Authorization", ClientSecretBasic.authorization("app:one", "s3cret +/é"));

		Authentication client = new ClientSecretBasicAuthenticationConverter().convert(request);

		assertThat(client).isNotNull();
		assertThat(client.getPrincipal()).isEqualTo("app:one");
		assertThat(client.getCredentials()).isEqualTo("s3cret +/é");
	}

}
