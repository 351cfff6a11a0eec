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

	private final SingletonSupplier<Clients> clients;

	TokenEndpoint(ProviderHttp http) {
		this.clients = SingletonSupplier.of(() -> new Clients(http.client()
			.mutate()
			// the converters and error handler Spring's own default client has
			.configureMessageConverters((converters) -> converters.disableDefaults()
				.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build()));
	}

	RestClientAuthorizationCodeTokenResponseClient codes() {
		return this.clients.obtain().codes();
	}

	RestClientRefreshTokenTokenResponseClient refreshes() {
		return this.clients.obtain().refreshes();
	}

	private record Clients(RestClientAuthorizationCodeTokenResponseClient codes,
			RestClientRefreshTokenTokenResponseClient refreshes) {

		Clients(RestClient client) {
			this(new RestClientAuthorizationCodeTokenResponseClient(), new RestClientRefreshTokenTokenResponseClient());
			this.codes.setRestClient(client);
			this.refreshes.setRestClient(client);
		}

	}

}
