package dev.mailgate.integrations.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where discovery looks and what it accepts, without a network.
 */
class ProviderDiscoveryTests {

	@Test
	void issuerWithoutPathIsLookedUpAtBothWellKnownAddresses() {
		assertThat(ProviderDiscovery.candidates(URI.create("https://login.example.com/")))
			.extracting(ProviderDiscovery.Candidate::url)
			.containsExactly("https://login.example.com/.well-known/openid-configuration",
					"https://login.example.com/.well-known/oauth-authorization-server");
	}

	@Test
	void issuerWithPathGetsTheOpenIdAddressAppendedAndTheRfc8414AddressInserted() {
		// OpenID Connect Discovery 1.0 §4.1 appends; RFC 8414 §3.1 inserts before the
		// path
		assertThat(ProviderDiscovery.candidates(URI.create("https://example.com/tenant/one/")))
			.extracting(ProviderDiscovery.Candidate::url)
			.containsExactly("https://example.com/tenant/one/.well-known/openid-configuration",
					"https://example.com/.well-known/oauth-authorization-server/tenant/one",
					"https://example.com/.well-known/openid-configuration/tenant/one");
	}

	@Test
	void plainHttpIsRefusedUnlessLoopbackIsAllowedAndTheHostIsLoopback() {
		ProviderUrls production = urls(false);
		ProviderUrls development = urls(true);

		assertThat(production.problem("https://login.example.com")).isEmpty();
		assertThat(production.problem("http://127.0.0.1:8080"))
			.contains("Use an https:// address: secrets and " + "tokens must not travel in clear.");
		assertThat(development.problem("http://127.0.0.1:8080")).isEmpty();
		assertThat(development.problem("http://crm.example.com")).isPresent();
		assertThat(production.problem("https://user:pass@login.example.com")).isPresent();
		assertThat(production.problem("not a url")).isPresent();
	}

	@Test
	void metadataWhenIssuerDiffersThenRefused() {
		// RFC 8414 §3.3
		assertThatExceptionOfType(DiscoveryFailed.class)
			.isThrownBy(() -> new ProviderMetadata(urls(false)).check("https://a.example", false,
					Map.of("issuer", "https://b.example", "authorization_endpoint", "https://a.example/authorize",
							"token_endpoint", "https://a.example/token")))
			.withMessageContaining("names the issuer https://b.example, not https://a.example");
	}

	@Test
	void metadataWithoutListsIsTakenAtItsDefaults() {
		// RFC 8414 §2: no token_endpoint_auth_methods_supported means client_secret_basic
		DiscoveredProvider found = new ProviderMetadata(urls(false)).check("https://a.example/", false,
				Map.of("issuer", "https://a.example", "authorization_endpoint", "https://a.example/authorize",
						"token_endpoint", "https://a.example/token"));

		assertThat(found.clientAuthMethod()).isEqualTo("client_secret_basic");
		assertThat(found.revocationUri()).isNull();
		assertThat(found.issParameterSupported()).isFalse();
	}

	@Test
	void metadataWithOnlyPrivateKeyJwtIsRefused() {
		assertThatExceptionOfType(DiscoveryFailed.class)
			.isThrownBy(() -> new ProviderMetadata(urls(false)).check("https://a.example", false,
					Map.of("issuer", "https://a.example", "authorization_endpoint", "https://a.example/authorize",
							"token_endpoint", "https://a.example/token", "token_endpoint_auth_methods_supported",
							List.of("private_key_jwt"))))
			.withMessageContaining("only with private_key_jwt");
	}

	private static ProviderUrls urls(boolean allowLoopback) {
		return new ProviderUrls(new IntegrationsProperties(allowLoopback, Duration.ofSeconds(60),
				new IntegrationsProperties.Sync(Duration.ofSeconds(5), 1000, List.of(Duration.ofSeconds(1)),
						Duration.ofSeconds(30)),
				new IntegrationsProperties.Analytics(Duration.ofSeconds(10), 500, List.of(Duration.ofSeconds(1)))));
	}

}
