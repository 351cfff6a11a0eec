package dev.mailgate.support;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The steps of OAuth flows against the application through MockMvc: a person signing up,
 * an app asking for authorization, the person consenting, the app exchanging codes and
 * tokens.
 */
public final class OAuthFlows {

	public static final String PASSWORD = "correct horse battery staple";

	private final MockMvcTester mvc;

	public OAuthFlows(MockMvcTester mvc) {
		this.mvc = mvc;
	}

	/**
	 * Signs a new person up; answers their signed-in session.
	 */
	public MockHttpSession newPerson(String email) {
		MvcTestResult result = this.mvc.post()
			.uri("/signup")
			.with(csrf())
			.param("email", email)
			.param("displayName", "Person " + email.substring(0, 8))
			.param("password", PASSWORD)
			.param("workspaceName", "Workspace of " + email)
			.exchange();
		return (MockHttpSession) result.getRequest().getSession();
	}

	public static Pkce pkce() {
		String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code GET /oauth2/authorize} with PKCE S256, and any further parameters, as the
	 * person's browser sends it.
	 */
	public MvcTestResult authorize(MockHttpSession session, String clientId, String redirectUri, String scope,
			String state, Pkce pkce, String... furtherParameters) {
		String[] parameters = { "response_type", "code", "client_id", clientId, "redirect_uri", redirectUri, "scope",
				scope, "state", state, "code_challenge", pkce.challenge(), "code_challenge_method", "S256" };
		String[] all = Arrays.copyOf(parameters, parameters.length + furtherParameters.length);
		System.arraycopy(furtherParameters, 0, all, parameters.length, furtherParameters.length);
		return authorize(session, all);
	}

	/**
	 * {@code GET /oauth2/authorize} with exactly these query parameters (Spring AS reads
	 * the query string, as a browser sends it).
	 */
	public MvcTestResult authorize(MockHttpSession session, String... parameters) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/oauth2/authorize");
		for (int i = 0; i + 1 < parameters.length; i += 2) {
			uri.queryParam(parameters[i], UriUtils.encode(parameters[i + 1], StandardCharsets.UTF_8));
		}
		return this.mvc.get().uri(URI.create(uri.build(true).toUriString())).session(session).exchange();
	}

	/**
	 * Ticks the given scopes on the consent page the authorization request led to, and
	 * allows.
	 */
	public MvcTestResult consent(MockHttpSession session, MvcTestResult authorization, String... scopes) {
		MultiValueMap<String, String> consentPage = query(authorization.getResponse().getRedirectedUrl());
		var request = this.mvc.post()
			.uri("/oauth2/authorize")
			.session(session)
			.with(csrf())
			.param("client_id", consentPage.getFirst("client_id"))
			.param("state", consentPage.getFirst("state"));
		if (scopes.length > 0) {
			request.param("scope", scopes);
		}
		return request.exchange();
	}

	/**
	 * The whole front channel: authorize (with any further parameters, such as an OpenID
	 * Connect {@code nonce}), consent to every requested scope, and read the code.
	 */
	public String code(MockHttpSession session, String clientId, String redirectUri, String scope, Pkce pkce,
			String... furtherParameters) {
		MvcTestResult authorization = authorize(session, clientId, redirectUri, scope, "s-" + UUID.randomUUID(), pkce,
				furtherParameters);
		String location = authorization.getResponse().getRedirectedUrl();
		if (location != null && location.contains("/oauth2/consent")) {
			location = consent(session, authorization, scope.split(" ")).getResponse().getRedirectedUrl();
		}
		return query(location).getFirst("code");
	}

	public Map<String, Object> exchange(String clientId, String secret, String code, String redirectUri, Pkce pkce) {
		return json(token(clientId, secret, "grant_type", "authorization_code", "code", code, "redirect_uri",
				redirectUri, "code_verifier", pkce.verifier()));
	}

	public Map<String, Object> clientCredentials(String clientId, String secret, String scope) {
		return json(token(clientId, secret, "grant_type", "client_credentials", "scope", scope));
	}

	/**
	 * {@code POST /oauth2/token} with HTTP Basic client authentication when a secret is
	 * given, or {@code client_id} in the body for a public client.
	 */
	public MvcTestResult token(String clientId, String secret, String... parameters) {
		return post("/oauth2/token", clientId, secret, parameters);
	}

	public MvcTestResult post(String endpoint, String clientId, String secret, String... parameters) {
		var request = this.mvc.post().uri(endpoint).contentType("application/x-www-form-urlencoded");
		if (secret != null) {
			request.with(httpBasic(clientId, secret));
		}
		else {
			request.param("client_id", clientId);
		}
		for (int i = 0; i + 1 < parameters.length; i += 2) {
			request.param(parameters[i], parameters[i + 1]);
		}
		return request.exchange();
	}

	public static Map<String, Object> json(MvcTestResult result) {
		try {
			return JsonPath.parse(result.getResponse().getContentAsString()).json();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static MultiValueMap<String, String> query(String url) {
		MultiValueMap<String, String> raw = UriComponentsBuilder.fromUri(URI.create(url)).build().getQueryParams();
		MultiValueMap<String, String> decoded = new LinkedMultiValueMap<>();
		raw.forEach((name, values) -> decoded.put(name,
				values.stream()
					.map((value) -> (value != null) ? UriUtils.decode(value, StandardCharsets.UTF_8) : null)
					.toList()));
		return decoded;
	}

	/**
	 * A PKCE verifier and its S256 challenge (RFC 7636 §4.1, §4.2).
	 */
	public record Pkce(String verifier, String challenge) {
	}

}
