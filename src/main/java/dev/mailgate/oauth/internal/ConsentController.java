package dev.mailgate.oauth.internal;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import dev.mailgate.platform.ErrorDetail;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent page: a person sees which app asks for what and allows all, some or none of
 * it. Allow posts back to Spring AS's authorization endpoint with the ticked scopes; Deny
 * answers the app with {@code access_denied} (RFC 6749 §4.1.2.1), even when some scopes
 * were granted before.
 */
@Controller
class ConsentController {

	static final String PATH = "/oauth2/consent";

	private final Apps apps;

	private final Accounts accounts;

	private final JdbcConsents consents;

	private final OAuth2AuthorizationService authorizations;

	private final ScopeCatalog scopes;

	private final IssuerInAuthorizationResponse responses;

	ConsentController(Apps apps, Accounts accounts, JdbcConsents consents, OAuth2AuthorizationService authorizations,
			ScopeCatalog scopes, AuthorizationServerSettings settings) {
		this.apps = apps;
		this.accounts = accounts;
		this.consents = consents;
		this.authorizations = authorizations;
		this.scopes = scopes;
		this.responses = new IssuerInAuthorizationResponse(settings.getIssuer());
	}

	@GetMapping(PATH)
	String showConsent(Principal principal, @RequestParam(OAuth2ParameterNames.CLIENT_ID) String clientId,
			@RequestParam(OAuth2ParameterNames.STATE) String state,
			@RequestParam(name = OAuth2ParameterNames.SCOPE, defaultValue = "") String scope, Model model,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		AppClient app = this.apps.byClientId(clientId).orElse(null);
		OAuth2AuthorizationRequest pending = pendingRequest(state, principal);
		if (app == null || pending == null || !pending.getClientId().equals(clientId)) {
			ErrorDetail.attach(request,
					"This consent request is unknown or has expired. Go back to the app " + "and start again.");
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return null;
		}
		OAuth2AuthorizationConsent previous = this.consents.findById(app.id().toString(), principal.getName());
		Set<String> granted = (previous != null) ? previous.getScopes() : Set.of();
		Set<String> requested = new LinkedHashSet<>();
		Set<String> already = new LinkedHashSet<>();
		for (String each : scope.split(" ")) {
			if (each.isBlank() || each.equals(OidcScopes.OPENID)) {
				continue;
			}
			(granted.contains(each) ? already : requested).add(each);
		}
		Locale locale = request.getLocale();
		String developer = this.accounts.workspaceName(app.workspace()).orElse("an unknown developer");
		model.addAttribute("consent",
				new ConsentView(clientId, state, app.name(), app.description(), app.website(), app.logoUrl(), developer,
						URI.create(pending.getRedirectUri()).getHost(), this.scopes.describe(requested, locale),
						this.scopes.describe(already, locale), app.name().substring(0, 1).toUpperCase(Locale.ROOT)));
		return "oauth/consent";
	}

	@PostMapping(PATH + "/deny")
	void deny(@RequestParam(OAuth2ParameterNames.STATE) String state, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		OAuth2Authorization authorization = this.authorizations.findByToken(state,
				new OAuth2TokenType(OAuth2ParameterNames.STATE));
		OAuth2AuthorizationRequest pending = (authorization != null)
				? authorization.getAttribute(OAuth2AuthorizationRequest.class.getName()) : null;
		if (authorization == null || pending == null
				|| !authorization.getPrincipalName().equals(request.getUserPrincipal().getName())) {
			ErrorDetail.attach(request, "This consent request is unknown or has expired.");
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		this.authorizations.remove(authorization);
		this.responses.deny(request, response, pending.getRedirectUri(), pending.getState(),
				OAuth2ErrorCodes.ACCESS_DENIED);
	}

	/**
	 * The authorization request waiting for this person's consent, if the state names
	 * one.
	 */
	private @Nullable OAuth2AuthorizationRequest pendingRequest(String state, Principal principal) {
		OAuth2Authorization authorization = this.authorizations.findByToken(state,
				new OAuth2TokenType(OAuth2ParameterNames.STATE));
		if (authorization == null || !authorization.getPrincipalName().equals(principal.getName())) {
			return null;
		}
		return authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
	}

}
