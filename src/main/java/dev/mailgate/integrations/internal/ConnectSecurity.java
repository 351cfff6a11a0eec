package dev.mailgate.integrations.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationCodeGrantFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.function.SingletonSupplier;

/**
 * The chain for {@code /integrations/**}: signed-in pages (the accounts module's session,
 * CSRF) where Mailgate is an OAuth client of other platforms. A connect starts with a
 * POST of the page's form ({@value #CONNECT_PATH}{registrationId}, so that no other site
 * can start one), and the provider sends the person back to
 * {@value ProviderRegistrations#CALLBACK_PATH}{registrationId}, where Spring checks
 * {@code state} and exchanges the code with the PKCE verifier, and Mailgate checks the
 * {@code iss} parameter and the ID token.
 */
@Configuration(proxyBeanMethods = false)
class ConnectSecurity {

	static final String CONNECT_PATH = "/integrations/connect/";

	@Bean
	OAuth2AuthorizedClientRepository integrationsAuthorizedClients(ConnectionsAuthorizedClients clients) {
		return new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(clients);
	}

	/**
	 * Spring Security's manager of authorized clients (what a
	 * {@code @RegisteredOAuth2AuthorizedClient} argument would use), made on first use.
	 * Spring's own would be made during every start, and with it a token client per grant
	 * type, each with a JDK HTTP client of its own: four threads and the default trust
	 * store for a manager that no handler of Mailgate asks for (connections' tokens are
	 * {@link ConnectionTokens}'s).
	 */
	@Bean
	OAuth2AuthorizedClientManager integrationsAuthorizedClientManager(ProviderRegistrations registrations,
			OAuth2AuthorizedClientRepository integrationsAuthorizedClients) {
		SingletonSupplier<OAuth2AuthorizedClientManager> manager = SingletonSupplier
			.of(() -> new DefaultOAuth2AuthorizedClientManager(registrations, integrationsAuthorizedClients));
		return (request) -> manager.obtain().authorize(request);
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 20)
	SecurityFilterChain integrationsChain(HttpSecurity http, ProviderRegistrations registrations,
			OAuth2AuthorizedClientRepository integrationsAuthorizedClients, IdTokenCheck idTokens,
			JdbcProviders providers, SecurityContextRepository contexts) throws Exception {
		AuthorizationRequestRepository<OAuth2AuthorizationRequest> requests = new HttpSessionOAuth2AuthorizationRequestRepository();
		return http.securityMatcher("/integrations/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.securityContext((context) -> context.securityContextRepository(contexts))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
			.oauth2Client((client) -> client.clientRegistrationRepository(registrations)
				.authorizedClientRepository(integrationsAuthorizedClients)
				.authorizationCodeGrant((code) -> code.authorizationRequestRepository(requests)
					.authorizationRequestResolver(new PostOnly(resolver(registrations, providers)))
					.accessTokenResponseClient(idTokens)))
			.addFilterBefore(new IssuerParameterCheck(providers, requests), OAuth2AuthorizationCodeGrantFilter.class)
			.build();
	}

	private static DefaultOAuth2AuthorizationRequestResolver resolver(ProviderRegistrations registrations,
			JdbcProviders providers) {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, CONNECT_PATH.substring(0, CONNECT_PATH.length() - 1));
		// the preset's extra parameters, such as Google's access_type=offline (without
		// it,
		// no refresh token)
		resolver.setAuthorizationRequestCustomizer((request) -> request.attributes((attributes) -> {
			Object registrationId = attributes.get(OAuth2ParameterNames.REGISTRATION_ID);
			Map<String, String> extra = (registrationId != null)
					? providers.findByRegistrationId(registrationId.toString())
						.flatMap((provider) -> provider.type().preset())
						.map(ProviderType.Preset::authorizationParameters)
						.orElse(Map.of())
					: Map.of();
			request.additionalParameters((parameters) -> parameters.putAll(extra));
		}));
		return resolver;
	}

	/**
	 * Starts an authorization request only for the page's POST: a link or an image on
	 * another site cannot make a signed-in browser connect an account.
	 */
	private record PostOnly(OAuth2AuthorizationRequestResolver delegate) implements OAuth2AuthorizationRequestResolver {

		@Override
		public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
			if (!HttpMethod.POST.matches(request.getMethod())) {
				return null;
			}
			try {
				return this.delegate.resolve(request);
			}
			catch (IllegalArgumentException | ProviderUnavailable ex) {
				// a provider removed meanwhile, or whose secret cannot be read: the page
				// says so (IntegrationsPageController)
				return null;
			}
		}

		@Override
		public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
			return resolve(request);
		}

	}

}
