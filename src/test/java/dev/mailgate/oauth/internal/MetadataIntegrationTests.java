package dev.mailgate.oauth.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataIntegrationTests extends OAuthTestSupport {

	@Test
	void authorizationServerMetadataDescribesExactlyWhatMailgateSupports() {
		// RFC 8414 §2 and §3; RFC 9207 §3
		assertThat(this.mvc.get().uri("/.well-known/oauth-authorization-server")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.issuer", (issuer) -> assertThat(issuer).isEqualTo(ISSUER))
			.hasPathSatisfying("$.authorization_endpoint",
					(endpoint) -> assertThat(endpoint).isEqualTo(ISSUER + "/oauth2/authorize"))
			.hasPathSatisfying("$.token_endpoint",
					(endpoint) -> assertThat(endpoint).isEqualTo(ISSUER + "/oauth2/token"))
			.hasPathSatisfying("$.registration_endpoint",
					(endpoint) -> assertThat(endpoint).isEqualTo(ISSUER + "/oauth2/register"))
			.hasPathSatisfying("$.authorization_response_iss_parameter_supported",
					(supported) -> assertThat(supported).isEqualTo(true))
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.code_challenge_methods_supported").asArray().containsExactly("S256");
				assertThat(json).extractingPath("$.grant_types_supported")
					.asArray()
					.containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials");
				assertThat(json).extractingPath("$.response_types_supported").asArray().containsExactly("code");
				assertThat(json).extractingPath("$.token_endpoint_auth_methods_supported")
					.asArray()
					.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
			});
	}

	@Test
	void openIdDiscoveryHasTheSameIssuerAndSignsWithEs256() {
		// OpenID Connect Discovery 1.0 §3 and §4.3: the issuer is exactly the URL it was
		// fetched from
		assertThat(this.mvc.get().uri("/.well-known/openid-configuration")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.issuer", (issuer) -> assertThat(issuer).isEqualTo(ISSUER))
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.id_token_signing_alg_values_supported")
					.asArray()
					.containsExactly("ES256");
				assertThat(json).extractingPath("$.code_challenge_methods_supported").asArray().containsExactly("S256");
				assertThat(json).extractingPath("$.grant_types_supported")
					.asArray()
					.containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials");
			});
	}

	@Test
	void jwksPublishesEs256PublicKeysOnly() {
		// RFC 7517 §4 and RFC 7518 §6.2: EC P-256 public keys, no private parts
		assertThat(this.mvc.get().uri("/oauth2/jwks")).hasStatusOk()
			.bodyText()
			.contains("\"kty\":\"EC\"", "\"crv\":\"P-256\"", "\"alg\":\"ES256\"")
			.doesNotContain("\"d\":");
	}

}
