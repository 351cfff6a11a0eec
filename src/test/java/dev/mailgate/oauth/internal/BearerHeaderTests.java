package dev.mailgate.oauth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading the API's bearer token from the {@code Authorization} header (RFC 6750 §2.1).
 */
class BearerHeaderTests {

	private final BearerHeader header = new BearerHeader();

	@Test
	void readsTheTokenOfABearerHeaderWhateverTheSchemesCase() {
		// RFC 6750 §2.1 (b64token, with its trailing "="), RFC 9110 §11.1
		// (case-insensitive
		// scheme)
		assertThat(BearerHeader.token("Bearer mga_abc123")).isEqualTo("mga_abc123");
		assertThat(BearerHeader.token("bearer mga_abc123")).isEqualTo("mga_abc123");
		assertThat(BearerHeader.token("BEARER a-b.c_d~e+f/g==")).isEqualTo("a-b.c_d~e+f/g==");
		assertThat(BearerHeader.token("Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))
			.isEqualTo("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
	}

	@Test
	void noHeaderOrAnotherSchemeIsNoBearerToken() {
		assertThat(BearerHeader.token(null)).isNull();
		assertThat(BearerHeader.token("Basic YTpi")).isNull();
		assertThat(BearerHeader.token("DPoP mga_abc123")).isNull();
		assertThat(this.header.convert(new MockHttpServletRequest("GET", "/api/v1/me"))).isNull();
	}

	@Test
	void aBearerHeaderWhoseTokenIsNotAB64TokenIsInvalidToken() {
		// RFC 6750 §3.1: invalid_token
		for (String malformed : List.of("Bearer", "Bearer ", "Bearer  mga_abc", "Bearer mga abc", "Bearer mga_abc ",
				"Bearer ==", "Bearer abc=d", "Bearer abc,def", "Bearer\tabc", "Bearermga_abc", "Bearer mga_äbc")) {
			assertThatExceptionOfType(OAuth2AuthenticationException.class).as(malformed)
				.isThrownBy(() -> BearerHeader.token(malformed))
				.satisfies((ex) -> {
					assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_token");
					assertThat(ex.getError().getDescription()).isEqualTo("Bearer token is malformed");
				});
		}
	}

	@Test
	void acceptsAndRefusesExactlyWhatSpringSecuritysResolverDoes() {
		DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
		Random random = new Random(6750);
		String alphabet = "aZ09-._~+/= ,\t\"ä";
		List<String> headers = new ArrayList<>(List.of("Bearer", "Bearer ", "bearer x", "Bearerx", "Basic x"));
		for (int i = 0; i < 20_000; i++) {
			StringBuilder value = new StringBuilder((random.nextInt(4) == 0) ? "bEaReR" : "Bearer");
			int length = random.nextInt(8);
			for (int j = 0; j < length; j++) {
				value.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			headers.add(value.toString());
		}
		for (String value : headers) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
			request.addHeader("Authorization", value);
			assertThat(outcome(() -> BearerHeader.token(value))).as(value)
				.isEqualTo(outcome(() -> spring.resolve(request)));
		}
	}

	@Test
	void recordsTheCallersAddressWithoutOpeningASession() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
		request.setRemoteAddr("203.0.113.7");
		request.addHeader("Authorization", "Bearer mga_abc123");

		Authentication authentication = this.header.convert(request);

		assertThat(authentication).isInstanceOf(BearerTokenAuthenticationToken.class);
		assertThat(((BearerTokenAuthenticationToken) authentication).getToken()).isEqualTo("mga_abc123");
		assertThat(authentication.getDetails()).isInstanceOfSatisfying(WebAuthenticationDetails.class, (details) -> {
			assertThat(details.getRemoteAddress()).isEqualTo("203.0.113.7");
			assertThat(details.getSessionId()).isNull();
		});
		assertThat(request.getSession(false)).isNull();
	}

	private static String outcome(Supplier<String> resolve) {
		try {
			return "token " + resolve.get();
		}
		catch (OAuth2AuthenticationException ex) {
			return "error " + ex.getError().getErrorCode() + " " + ex.getError().getDescription();
		}
	}

}
