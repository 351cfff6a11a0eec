package dev.mailgate.integrations.internal;

import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

/**
 * Spring Security's clients of providers' token endpoints (code exchange and refresh),
 * over {@link ProviderHttp}'s bounded connections instead of their unbounded default.
 * Made on first use, as {@code ProviderHttp}'s client is: each of Spring's clients builds
 * a JDK HTTP client of its own before it is given this one, and the first of those loads
 * the default trust store, which a node that never calls a provider should not spend on
 * its start.
 */
@Component
class TokenEndpoint {

	private final SingletonSupplier<RestClientAuthorizationCodeTokenResponseClient> codes;

	private final SingletonSupplier<RestClientRefreshTokenTokenResponseClient> refreshes;

	TokenEndpoint(ProviderHttp http) {
		SingletonSupplier<RestClient> client = SingletonSupplier.of(() -> http.client()
			.mutate()
			// the converters and error handler Spring's own default client has
			.configureMessageConverters((converters) -> converters.disableDefaults()
				.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
		this.codes = SingletonSupplier.of(() -> {
			RestClientAuthorizationCodeTokenResponseClient codes = new RestClientAuthorizationCodeTokenResponseClient();
			codes.setRestClient(client.obtain());
			return codes;
		});
		this.refreshes = SingletonSupplier.of(() -> {
			RestClientRefreshTokenTokenResponseClient refreshes = new RestClientRefreshTokenTokenResponseClient();
			refreshes.setRestClient(client.obtain());
			return refreshes;
		});
	}

	RestClientAuthorizationCodeTokenResponseClient codes() {
		return this.codes.obtain();
	}

	RestClientRefreshTokenTokenResponseClient refreshes() {
		return this.refreshes.obtain();
	}

}
