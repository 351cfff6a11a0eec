package dev.mailgate.accounts.internal;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.HttpsClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

class SignUpAndSignInIntegrationTests extends IntegrationTestSupport {

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	static final String PASSWORD = "correct horse battery staple";

	@Test
	void signUpCreatesAccountAndWorkspaceAndSignsIn() {
		String email = uniqueEmail();
		MvcTestResult signUp = signUp(email, "Ada Lovelace", PASSWORD, "Analytical Engines");

		assertThat(signUp).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/?welcome");
		MockHttpSession session = (MockHttpSession) signUp.getRequest().getSession();
		assertThat(this.mvc.get().uri("/").session(session)).hasStatusOk()
			.bodyText()
			.contains("Hello, Ada Lovelace", email, "Analytical Engines", "Owner");
	}

	@Test
	void signUpWithoutWorkspaceNameNamesItAfterThePerson() {
		MvcTestResult signUp = signUp(uniqueEmail(), "Grace", PASSWORD, "");

		MockHttpSession session = (MockHttpSession) signUp.getRequest().getSession();
		assertThat(this.mvc.get().uri("/").session(session)).bodyText().contains("Grace&#39;s workspace");
	}

	@Test
	void signUpWithEmailAlreadyRegisteredAnswers409AndSaysSo() {
		String email = uniqueEmail();
		signUp(email, "First", PASSWORD, "");

		assertThat(signUp(email.toUpperCase(), "Second", PASSWORD, "")).hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("An account with this email already exists");
	}

	@Test
	void signUpWithShortPasswordOrBadEmailAnswers400NamingTheField() {
		assertThat(signUp(uniqueEmail(), "Ada", "short", "")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Use at least 12 characters.");
		assertThat(signUp("not-an-email", "Ada", PASSWORD, "")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Enter a valid email address.");
		assertThat(signUp(uniqueEmail(), "", PASSWORD, "")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Enter your name.");
	}

	@Test
	void signUpWithoutCsrfTokenIsForbidden() {
		assertThat(this.mvc.post()
			.uri("/signup")
			.param("email", uniqueEmail())
			.param("displayName", "Ada")
			.param("password", PASSWORD)).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void signInWithRightPasswordOpensHomeAndWrongOneShowsError() {
		String email = uniqueEmail();
		signUp(email, "Ada", PASSWORD, "");

		assertThat(signIn(email, "wrong password!", "10.0.0.1")).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/login?error");
		MvcTestResult signedIn = signIn(email.toUpperCase(), PASSWORD, "10.0.0.1");
		assertThat(signedIn).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/");
		assertThat(this.mvc.get().uri("/").session((MockHttpSession) signedIn.getRequest().getSession())).bodyText()
			.contains("Hello, Ada");
		assertThat(this.mvc.get().uri("/login?error")).bodyText()
			.contains("That email and password do not match an account.");
	}

	@Test
	void repeatedFailedSignInsMakeTheAccountWaitEvenWithTheRightPassword() {
		String email = uniqueEmail();
		signUp(email, "Ada", PASSWORD, "");
		HttpsClient browser = new HttpsClient(this.dataDirectory, this.port);
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(browser.signIn(email, "guess number " + attempt).headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
		}

		HttpResponse<String> throttled = browser.signIn(email, PASSWORD);
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).contains("15");
		assertThat(throttled.body()).contains("Too many failed sign-ins. Wait 15 seconds, then try again.");
	}

	@Test
	void repeatedFailedSignInsFromOneAddressSlowDownEveryAccountTriedFromIt() {
		String address = "10.9.9.9";
		for (int attempt = 1; attempt <= 20; attempt++) {
			signIn(uniqueEmail(), "guess", address);
		}
		String email = uniqueEmail();
		signUp(email, "Victim", PASSWORD, "");

		assertThat(signIn(email, PASSWORD, address)).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.containsHeader("Retry-After");
		assertThat(signIn(email, PASSWORD, "10.9.9.10")).hasRedirectedUrl("/");
	}

	@Test
	void signOutEndsTheSession() {
		String email = uniqueEmail();
		MockHttpSession session = (MockHttpSession) signUp(email, "Ada", PASSWORD, "").getRequest().getSession();

		assertThat(this.mvc.post().uri("/logout").session(session).with(csrf())).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/login?signedOut");
		assertThat(this.mvc.get().uri("/").session(session)).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login");
	}

	@Test
	void changingPasswordRequiresTheCurrentOneAndTakesEffect() {
		String email = uniqueEmail();
		MockHttpSession session = (MockHttpSession) signUp(email, "Ada", PASSWORD, "").getRequest().getSession();

		assertThat(this.mvc.post()
			.uri("/account/password")
			.session(session)
			.with(csrf())
			.param("currentPassword", "not my password")
			.param("newPassword", "a brand new passphrase")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("That is not your current password.");
		assertThat(this.mvc.post()
			.uri("/account/password")
			.session(session)
			.with(csrf())
			.param("currentPassword", PASSWORD)
			.param("newPassword", "a brand new passphrase")).hasRedirectedUrl("/account?passwordChanged");
		assertThat(signIn(email, "a brand new passphrase", "10.0.3.1")).hasRedirectedUrl("/");
	}

	@Test
	void bootstrapAdministratorCanSignIn() {
		MvcTestResult signedIn = signIn(ADMIN_EMAIL, ADMIN_PASSWORD, "10.0.4.1");

		assertThat(this.mvc.get().uri("/").session((MockHttpSession) signedIn.getRequest().getSession())).bodyText()
			.contains("platform administrator", "Mailgate");
	}

	@Test
	void pagesAskAnonymousBrowsersToSignIn() {
		assertThat(this.mvc.get().uri("/account")).hasStatus(HttpStatus.FOUND).redirectedUrl().endsWith("/login");
	}

	private MvcTestResult signUp(String email, String name, String password, String workspace) {
		return this.mvc.post()
			.uri("/signup")
			.with(csrf())
			.param("email", email)
			.param("displayName", name)
			.param("password", password)
			.param("workspaceName", workspace)
			.exchange();
	}

	private MvcTestResult signIn(String email, String password, String address) {
		return this.mvc.post().uri("/login").with(csrf()).with((request) -> {
			request.setRemoteAddr(address);
			return request;
		}).param("email", email).param("password", password).exchange();
	}

}
