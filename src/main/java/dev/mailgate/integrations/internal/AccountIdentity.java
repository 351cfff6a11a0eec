package dev.mailgate.integrations.internal;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Who a connected account is at the provider, for people ({@code label}) and for the
 * provider's APIs ({@code subject}, such as LinkedIn's person id): from the checked ID
 * token, else from the provider's userinfo endpoint, else just the provider's name.
 */
@Component
class AccountIdentity {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final ProviderHttp http;

	AccountIdentity(ProviderHttp http) {
		this.http = http;
	}

	Identity of(Provider provider, @Nullable Map<String, Object> idTokenClaims, String accessToken) {
		Optional<Identity> fromIdToken = Optional.ofNullable(idTokenClaims).flatMap(AccountIdentity::named);
		return fromIdToken.or(() -> userInfo(provider, accessToken).flatMap(AccountIdentity::named))
			.orElseGet(
					() -> new Identity(provider.name(), (idTokenClaims != null) ? text(idTokenClaims, "sub") : null));
	}

	private Optional<Map<String, Object>> userInfo(Provider provider, String accessToken) {
		if (provider.userInfoUri() == null) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(this.http.client()
				.get()
				.uri(provider.userInfoUri())
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
				.retrieve()
				.body(JSON));
		}
		catch (RestClientException | IllegalArgumentException ex) {
			// only the label suffers: the connection works without it
			return Optional.empty();
		}
	}

	private static Optional<Identity> named(Map<String, Object> claims) {
		String label = firstOf(claims, "email", "name", "preferred_username");
		return Optional.ofNullable(label).map((value) -> new Identity(value, text(claims, "sub")));
	}

	private static @Nullable String firstOf(Map<String, Object> claims, String... names) {
		for (String name : names) {
			String value = text(claims, name);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static @Nullable String text(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		return (value instanceof String text && !text.isBlank()) ? abbreviate(text) : null;
	}

	private static String abbreviate(String value) {
		return (value.length() <= 255) ? value : value.substring(0, 255);
	}

	/**
	 * @param subject the provider's id of the account, when it said
	 */
	record Identity(String label, @Nullable String subject) {
	}

}
