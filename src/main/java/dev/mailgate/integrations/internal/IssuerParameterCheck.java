package dev.mailgate.integrations.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * RFC 9207 §2.4 at the callback, before Spring exchanges the code: an {@code iss}
 * parameter must be the provider's issuer, and a provider that says it sends one
 * ({@code authorization_response_iss_parameter_supported}) must send it. Otherwise the
 * response may come from another authorization server (a mix-up attack): its request is
 * forgotten, so its {@code state} cannot be used again, and nothing is exchanged.
 */
class IssuerParameterCheck extends OncePerRequestFilter {

	static final String MISMATCH = "issuer_mismatch";

	private final JdbcProviders providers;

	private final AuthorizationRequestRepository<OAuth2AuthorizationRequest> requests;

	IssuerParameterCheck(JdbcProviders providers, AuthorizationRequestRepository<OAuth2AuthorizationRequest> requests) {
		this.providers = providers;
		this.requests = requests;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + ProviderRegistrations.CALLBACK_PATH)
				|| request.getParameter(OAuth2ParameterNames.STATE) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String registrationId = request.getRequestURI()
			.substring(request.getContextPath().length() + ProviderRegistrations.CALLBACK_PATH.length());
		Provider provider = this.providers.findByRegistrationId(registrationId).orElse(null);
		if (provider == null || acceptable(provider, request.getParameter("iss"))) {
			chain.doFilter(request, response);
			return;
		}
		this.requests.removeAuthorizationRequest(request, response);
		response.sendRedirect(UriComponentsBuilder.fromPath(request.getRequestURI())
			.queryParam(OAuth2ParameterNames.ERROR, MISMATCH)
			.build()
			.toUriString());
	}

	private static boolean acceptable(Provider provider, @Nullable String iss) {
		if (iss == null) {
			return !provider.issParameterSupported();
		}
		// a simple string comparison (RFC 9207 §2.4); without a known issuer there is
		// nothing to compare with
		return provider.issuer() == null || provider.issuer().equals(iss);
	}

}
