package dev.mailgate.oauth.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.mailgate.apps.Apps;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2RefreshTokenAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The protocol endpoints (chain 1): Spring Authorization Server with Mailgate's clients,
 * hashed store, token formats, client authentication, consent page and RFC 9207
 * {@code iss}. Only the authorization code (with PKCE S256), refresh token and client
 * credentials grants.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerSecurity {

	static final List<String> CLIENT_AUTHENTICATION_METHODS = List.of("client_secret_basic", "client_secret_post",
			"private_key_jwt", "none");

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IssuerProperties issuer) {
		return AuthorizationServerSettings.builder()
			.issuer(issuer.trimmed())
			.clientRegistrationEndpoint(DynamicRegistration.PATH)
			.build();
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(SigningKeys keys, TokenClaims claims, Clock clock, SignedAccessTokens signed,
			OAuthProperties properties) {
		JwtGenerator jwts = new JwtGenerator(new NimbusJwtEncoder(keys.signing()));
		jwts.setJwtCustomizer(new JwtClaims(claims));
		return new DelegatingOAuth2TokenGenerator(jwts,
				new MailgateTokenGenerators.AccessTokens(clock,
						(context) -> context.getClaims()
							.claims((values) -> values.putAll(claims.of(context.getRegisteredClient(),
									context.getPrincipal(), context.getAuthorizationGrantType()))),
						properties.signedClientCredentials() ? signed : null),
				new MailgateTokenGenerators.RefreshTokens(clock));
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, AppClients clients, Apps apps,
			HashedAuthorizationService authorizations, JdbcConsents consents, OAuth2TokenGenerator<?> tokens,
			AuthorizationServerSettings settings, JwtDecoder bearerTokens, ClientAssertions clientAssertions,
			ApplicationEventPublisher events, Clock clock) throws Exception {
		String issuer = settings.getIssuer();
		IssuerInAuthorizationResponse responses = new IssuerInAuthorizationResponse(issuer);
		MailgateTokenGenerators.AuthorizationCodes codes = new MailgateTokenGenerators.AuthorizationCodes(clock);
		OAuthErrors errors = new OAuthErrors();
		ClientAuthenticationFailures clientFailures = new ClientAuthenticationFailures(errors, apps, events, clock);
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server,
					(as) -> as.registeredClientRepository(clients)
						.authorizationService(authorizations)
						.authorizationConsentService(consents)
						.tokenGenerator(tokens)
						.clientAuthentication((authentication) -> authentication
							.authenticationConverters(
									(converters) -> converters.add(new PublicClientIdentification.Converter()))
							.authenticationProviders((providers) -> {
								providers.removeIf(ClientSecretAuthenticationProvider.class::isInstance);
								providers.forEach((provider) -> {
									if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
										assertions.setJwtDecoderFactory(clientAssertions);
									}
								});
								providers.add(0, new ClientSecretCheck(apps, clients, new PkceCheck(authorizations)));
								providers.add(0, new PublicClientIdentification.Provider(apps, clients));
							})
							.errorResponseHandler(clientFailures))
						.authorizationEndpoint((endpoint) -> endpoint.consentPage(ConsentController.PATH)
							.authorizationResponseHandler(responses)
							.errorResponseHandler(responses)
							.authenticationProviders((providers) -> providers.forEach((provider) -> {
								if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider request) {
									request.setAuthorizationCodeGenerator(codes);
								}
								if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
									consent.setAuthorizationCodeGenerator(codes);
								}
							})))
						.tokenEndpoint((endpoint) -> endpoint
							.accessTokenRequestConverters((converters) -> converters.removeIf(
									(converter) -> !(converter instanceof OAuth2AuthorizationCodeAuthenticationConverter
											|| converter instanceof OAuth2RefreshTokenAuthenticationConverter
											|| converter instanceof OAuth2ClientCredentialsAuthenticationConverter)))
							.errorResponseHandler(errors))
						.tokenIntrospectionEndpoint((endpoint) -> endpoint
							.authenticationProviders((providers) -> providers.replaceAll(
									(provider) -> (provider instanceof OAuth2TokenIntrospectionAuthenticationProvider)
											? new OwnTokensIntrospection(
													new OAuth2TokenIntrospectionAuthenticationProvider(clients,
															new IntrospectionLookups(authorizations)))
											: provider))
							.errorResponseHandler(errors))
						.tokenRevocationEndpoint(
								(endpoint) -> endpoint.revocationResponseHandler(new RevocationResponses(events, clock))
									.errorResponseHandler(errors))
						.authorizationServerMetadataEndpoint(
								(endpoint) -> endpoint.authorizationServerMetadataCustomizer(
										(metadata) -> metadata.claims((claims) -> describe(claims, issuer))))
						.oidc((oidc) -> oidc.providerConfigurationEndpoint((endpoint) -> endpoint
							.providerConfigurationCustomizer((metadata) -> metadata.claims((claims) -> {
								describe(claims, issuer);
								claims.put("id_token_signing_alg_values_supported", List.of("ES256"));
							})))))
			.addFilterBefore(new MalformedProtocolRequests(errors, settings.getAuthorizationEndpoint()),
					SecurityContextHolderFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.oauth2ResourceServer((resource) -> resource.jwt((jwt) -> jwt.decoder(bearerTokens)))
			// Only a person's browser, at the authorization endpoint, is sent to sign in;
			// clients
			// of the other endpoints get 401s whatever they accept.
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint()))
				.defaultAuthenticationEntryPointFor(errors, new OrRequestMatcher(
						PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenEndpoint()),
						PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenRevocationEndpoint()),
						PathPatternRequestMatcher.withDefaults().matcher(settings.getTokenIntrospectionEndpoint()))));
		return http.build();
	}

	/**
	 * Advertises exactly what Mailgate supports (RFC 8414 §2, RFC 9207 §3), in the RFC
	 * 8414 document and in OpenID discovery alike: both builders hand out the same claims
	 * map.
	 */
	private static void describe(Map<String, Object> metadata, String issuer) {
		metadata.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
		metadata.put("code_challenge_methods_supported", List.of("S256"));
		metadata.put("token_endpoint_auth_methods_supported", CLIENT_AUTHENTICATION_METHODS);
		metadata.put("revocation_endpoint_auth_methods_supported", CLIENT_AUTHENTICATION_METHODS);
		metadata.put("introspection_endpoint_auth_methods_supported",
				CLIENT_AUTHENTICATION_METHODS.stream().filter((method) -> !method.equals("none")).toList());
		metadata.put("token_endpoint_auth_signing_alg_values_supported",
				ClientAssertions.ALGORITHMS.stream().map((algorithm) -> algorithm.getName()).sorted().toList());
		metadata.put("registration_endpoint", issuer + DynamicRegistration.PATH);
		metadata.put("authorization_response_iss_parameter_supported", true);
		metadata.put("response_modes_supported", List.of("query"));
	}

}
