package dev.mailgate.integrations.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Discovery documents served by WireMock: an RFC 8414 authorization server metadata
 * document and an OpenID configuration, each for an issuer of the test's own.
 */
final class DiscoveryDocuments {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DiscoveryDocuments() {
	}

	/**
	 * Serves RFC 8414 metadata for {@code <base>/<tenant>} at the §3.1 address (the
	 * well-known path inserted before the issuer's path).
	 * @return the issuer
	 */
	static String oauthServer(WireMockServer server, String tenant, Map<String, Object> overrides) {
		String issuer = server.baseUrl() + "/" + tenant;
		Map<String, Object> metadata = metadata(issuer, overrides);
		server.stubFor(get(urlEqualTo("/.well-known/oauth-authorization-server/" + tenant))
			.willReturn(okJson(JSON.writeValueAsString(metadata))));
		return issuer;
	}

	/**
	 * Serves an OpenID configuration for {@code <base>/<tenant>} at the OpenID Discovery
	 * §4 address (appended to the issuer).
	 * @return the issuer
	 */
	static String openIdProvider(WireMockServer server, String tenant, Map<String, Object> overrides) {
		String issuer = server.baseUrl() + "/" + tenant;
		Map<String, Object> metadata = metadata(issuer, overrides);
		metadata.put("userinfo_endpoint", issuer + "/userinfo");
		metadata.put("subject_types_supported", List.of("public"));
		metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
		metadata.putAll(overrides);
		server.stubFor(get(urlEqualTo("/" + tenant + "/.well-known/openid-configuration"))
			.willReturn(okJson(JSON.writeValueAsString(metadata))));
		return issuer;
	}

	private static Map<String, Object> metadata(String issuer, Map<String, Object> overrides) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", issuer);
		metadata.put("authorization_endpoint", issuer + "/authorize");
		metadata.put("token_endpoint", issuer + "/token");
		metadata.put("revocation_endpoint", issuer + "/revoke");
		metadata.put("jwks_uri", issuer + "/jwks");
		metadata.put("response_types_supported", List.of("code"));
		metadata.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
		metadata.put("code_challenge_methods_supported", List.of("S256"));
		metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_post"));
		metadata.put("scopes_supported", List.of("openid", "profile", "email", "contacts.read"));
		metadata.put("authorization_response_iss_parameter_supported", true);
		metadata.putAll(overrides);
		return metadata;
	}

}
