package dev.mailgate.oauth.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.sun.net.httpserver.HttpServer;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.TokenFormat;
import dev.mailgate.support.Browser;
import dev.mailgate.support.HttpsClient;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole authorization code flow as an integration meets it: the Nimbus OAuth 2.0 SDK
 * plays a native app with a loopback redirect (RFC 8252 §7.3), Debian's Chromium plays
 * the marketer through Mailgate's real sign-in and consent pages, over HTTPS.
 */
@RequiresChromium
class AuthorizationCodeBrowserTests extends OAuthTestSupport {

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	private Browser browser;

	private HttpServer callback;

	private final CompletableFuture<URI> redirected = new CompletableFuture<>();

	@BeforeEach
	void start() throws IOException {
		this.browser = new Browser(this.port);
		this.callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.callback.createContext("/callback", (exchange) -> {
			this.redirected.complete(
					URI.create("http://127.0.0.1:" + this.callback.getAddress().getPort() + exchange.getRequestURI()));
			byte[] page = "<html><body><h1>Connected. You can close this window.</h1></body></html>"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		this.callback.start();
	}

	@AfterEach
	void stop() {
		this.browser.close();
		this.callback.stop(0);
	}

	@Test
	void nativeAppConnectsThroughSignInAndPartialConsentThenCallsTheApi() throws Exception {
		RegisteredApp app = this.apps.register(this.accounts.bootstrapWorkspace().orElseThrow(),
				new NewApp("Pipeline CRM", "Two-way contact sync", "https://pipeline.example.com", null, true,
						List.of("http://127.0.0.1/callback"), Set.of("authorization_code", "refresh_token"),
						Set.of("contacts.read", "contacts.write", "reports.read"), TokenFormat.OPAQUE,
						Duration.ofMinutes(15)),
				false);
		String email = uniqueEmail();
		this.flows.newPerson(email);
		AuthorizationServerMetadata metadata = AuthorizationServerMetadata.parse(send(
				new HTTPRequest(HTTPRequest.Method.GET, URI.create(ISSUER + "/.well-known/oauth-authorization-server")))
			.getBodyAsJSONObject());
		assertThat(metadata.getIssuer()).isEqualTo(new Issuer(ISSUER));

		CodeVerifier verifier = new CodeVerifier();
		State state = new State();
		URI redirectUri = URI.create("http://127.0.0.1:" + this.callback.getAddress().getPort() + "/callback");
		URI authorize = new AuthorizationRequest.Builder(new ResponseType("code"), new ClientID(app.app().clientId()))
			.endpointURI(metadata.getAuthorizationEndpointURI())
			.redirectionURI(redirectUri)
			.scope(new Scope("contacts.read", "contacts.write", "reports.read"))
			.state(state)
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.build()
			.toURI();

		this.browser.open(authorize.toString().substring(ISSUER.length()));
		this.browser.waitForText("Sign in");
		this.browser.fill("email", email).fill("password", OAuthFlows.PASSWORD).click("button[type=submit]");
		assertThat(this.browser.waitForText("Pipeline CRM wants access to your Mailgate account"))
			.contains("Add and change contacts", "See campaign reports", "Afterwards you will be sent to 127.0.0.1");
		this.browser.screenshot("consent");
		assertThat(this.browser.consoleErrors()).isEmpty();
		this.browser.click("input[data-scope='contacts.write']");
		this.browser.click("[data-test=allow]");

		URI callbackUri = this.redirected.get(15, TimeUnit.SECONDS);
		this.browser.waitForText("Connected");
		AuthorizationSuccessResponse response = AuthorizationResponse.parse(callbackUri).toSuccessResponse();
		assertThat(response.getState()).isEqualTo(state);
		assertThat(response.getIssuer()).isEqualTo(new Issuer(ISSUER));

		Tokens tokens = exchange(new AuthorizationCodeGrant(response.getAuthorizationCode(), redirectUri, verifier),
				metadata, app);
		assertThat(tokens.getAccessToken().getScope()).isEqualTo(new Scope("contacts.read", "reports.read"));
		HTTPResponse me = api(tokens.getAccessToken());
		assertThat(me.getStatusCode()).isEqualTo(200);
		assertThat(me.getBody()).contains("contacts.read", "reports.read").doesNotContain("contacts.write");

		Tokens refreshed = exchange(new RefreshTokenGrant(tokens.getRefreshToken()), metadata, app);
		assertThat(refreshed.getRefreshToken()).isNotEqualTo(tokens.getRefreshToken());
		assertThat(api(refreshed.getAccessToken()).getStatusCode()).isEqualTo(200);
	}

	private Tokens exchange(AuthorizationGrant grant, AuthorizationServerMetadata metadata, RegisteredApp app)
			throws Exception {
		TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(),
				new ClientSecretBasic(new ClientID(app.app().clientId()), new Secret(app.clientSecret())), grant);
		TokenResponse response = TokenResponse.parse(send(request.toHTTPRequest()));
		assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
		return response.toSuccessResponse().getTokens();
	}

	private HTTPResponse api(AccessToken token) throws Exception {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, URI.create(ISSUER + "/api/v1/me"));
		request.setAuthorization(token.toAuthorizationHeader());
		return send(request);
	}

	private HTTPResponse send(HTTPRequest request) throws Exception {
		request.setSSLSocketFactory(trustingMailgate());
		return request.send();
	}

	private SSLSocketFactory trustingMailgate() {
		return HttpsClient.trusting(this.dataDirectory).getSocketFactory();
	}

}
