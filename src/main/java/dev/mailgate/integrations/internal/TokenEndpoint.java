package dev.mailgate.integrations.internal;

import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Spring Security's clients of providers' token endpoints (code exchange and refresh),
 * over {@link ProviderHttp}'s bounded connections instead of their unbounded default.
 */
@Component
class TokenEndpoint {

	private final RestClientAuthorizationCodeTokenResponseClient codes = new RestClientAuthorizationCodeTokenResponseClient();

	private final RestClientRefreshTokenTokenResponseClient refreshes = new RestClientRefreshTokenTokenResponseClient();

	TokenEndpoint(ProviderHttp http) {
		// the converters and error handler Spring's own default client has
		RestClient client = http.client()
			.mutate()
			.configureMessageConverters((converters) -> converters.disableDefaults()
				.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
		this.codes.setRestClient(client);
		this.refreshes.setRestClient(client);
	}

	RestClientAuthorizationCodeTokenResponseClient codes() {
		return this.codes;
	}

	RestClientRefreshTokenTokenResponseClient refreshes() {
		return this.refreshes;
	}

}
