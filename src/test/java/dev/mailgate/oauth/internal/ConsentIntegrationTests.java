package dev.mailgate.oauth.internal;

import java.net.URI;
import java.util.Map;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The consent page: what it shows, partial consent, deny, and remembered consent.
 */
class ConsentIntegrationTests extends OAuthTestSupport {

	@Test
	void consentPageNamesTheAppItsDeveloperTheRedirectHostAndEachScopeInPlainLanguage() {
		RegisteredApp app = confidentialApp("contacts.read campaigns.send");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		MvcTestResult authorization = this.flows.authorize(person, app.app().clientId(), REDIRECT_URI,
				"contacts.read campaigns.send", "s", OAuthFlows.pkce());

		assertThat(this.mvc.get().uri(URI.create(authorization.getResponse().getRedirectedUrl())).session(person))
			.hasStatusOk()
			.bodyText()
			.contains("Acme CRM wants access to your Mailgate account", "Made by", "Mailgate",
					"https://crm.example.com", "crm.example.com", "See your contacts and lists", "Send campaigns",
					"Send and schedule campaigns to your contacts, in your name.");
	}

	@Test
	void consentWhenScopeUntickedThenGrantedScopeIsExactlyWhatStayedTicked() {
		RegisteredApp app = confidentialApp("contacts.read contacts.write campaigns.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		Pkce pkce = OAuthFlows.pkce();
		MvcTestResult authorization = this.flows.authorize(person, app.app().clientId(), REDIRECT_URI,
				"contacts.read contacts.write campaigns.read", "s", pkce);

		MvcTestResult allowed = this.flows.consent(person, authorization, "contacts.read", "campaigns.read");
		String code = OAuthFlows.query(allowed.getResponse().getRedirectedUrl()).getFirst("code");
		Map<String, Object> tokens = this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI,
				pkce);

		// RFC 6749 §3.3: the issued scope differs from the requested one, so the response
		// names it
		assertThat(((String) tokens.get("scope")).split(" ")).containsExactlyInAnyOrder("contacts.read",
				"campaigns.read");
	}

	@Test
	void denyAnswersTheAppWithAccessDeniedStateAndIssuer() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		MvcTestResult authorization = this.flows.authorize(person, app.app().clientId(), REDIRECT_URI, "contacts.read",
				"the-state", OAuthFlows.pkce());
		String state = OAuthFlows.query(authorization.getResponse().getRedirectedUrl()).getFirst("state");

		MvcTestResult denied = this.mvc.post()
			.uri("/oauth2/consent/deny")
			.session(person)
			.with(csrf())
			.param("state", state)
			.exchange();

		// RFC 6749 §4.1.2.1: access_denied, with the client's state; RFC 9207 §2: iss
		assertThat(denied).hasStatus(HttpStatus.FOUND);
		MultiValueMap<String, String> error = OAuthFlows.query(denied.getResponse().getRedirectedUrl());
		assertThat(denied.getResponse().getRedirectedUrl()).startsWith(REDIRECT_URI);
		assertThat(error.getFirst("error")).isEqualTo("access_denied");
		assertThat(error.getFirst("state")).isEqualTo("the-state");
		assertThat(error.getFirst("iss")).isEqualTo(ISSUER);
	}

	@Test
	void consentIsRememberedAndAskedAgainOnlyForNewScopes() {
		RegisteredApp app = confidentialApp("contacts.read contacts.write");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read", OAuthFlows.pkce());

		MvcTestResult again = this.flows.authorize(person, app.app().clientId(), REDIRECT_URI, "contacts.read", "s2",
				OAuthFlows.pkce());
		assertThat(again.getResponse().getRedirectedUrl()).startsWith(REDIRECT_URI).contains("code=");

		MvcTestResult wider = this.flows.authorize(person, app.app().clientId(), REDIRECT_URI,
				"contacts.read contacts.write", "s3", OAuthFlows.pkce());
		String consentPage = wider.getResponse().getRedirectedUrl();
		assertThat(consentPage).contains("/oauth2/consent");
		assertThat(this.mvc.get().uri(URI.create(consentPage)).session(person)).bodyText()
			.contains("You allowed before", "See your contacts and lists", "Add and change contacts");
	}

	@Test
	void consentPageForAnUnknownRequestIsA400Page() {
		MockHttpSession person = this.flows.newPerson(uniqueEmail());

		assertThat(this.mvc.get()
			.uri("/oauth2/consent?client_id=nobody&state=made-up&scope=contacts.read")
			.session(person)).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void consentPageCannotBeFramed() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		MvcTestResult authorization = this.flows.authorize(person, app.app().clientId(), REDIRECT_URI, "contacts.read",
				"s", OAuthFlows.pkce());

		assertThat(this.mvc.get().uri(URI.create(authorization.getResponse().getRedirectedUrl())).session(person))
			.containsHeader("X-Frame-Options")
			.headers()
			.hasValue("Content-Security-Policy",
					"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
							+ "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
							+ "frame-ancestors 'none'");
	}

}
