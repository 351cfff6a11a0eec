package dev.mailgate.ratelimit.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The operator's rate limits page: platform administrators give an app budgets of its
 * own, which apply from the next request, and clear them again.
 */
class RateLimitsPageIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	MockHttpSession operator;

	RegisteredApp app;

	@BeforeEach
	void signInAsOperator() {
		this.operator = (MockHttpSession) this.mvc.post().uri("/login").with(csrf()).with((request) -> {
			request.setRemoteAddr("10.43.0.1");
			return request;
		}).param("email", ADMIN_EMAIL).param("password", ADMIN_PASSWORD).exchange().getRequest().getSession();
		this.app = this.apps.register(this.accounts.bootstrapWorkspace().orElseThrow(),
				ClientMetadata.toNewApp(Map.of("client_name", "Busy CRM " + UUID.randomUUID(), "grant_types",
						List.of("client_credentials"), "scope", "contacts.read")),
				false);
	}

	@Test
	void operatorSetsAnAppsApiBudgetAndItAppliesFromTheNextRequest() {
		String clientId = this.app.app().clientId();

		assertThat(setLimits(clientId, "", "", "5", "60")).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/admin/rate-limits");

		assertThat(this.mvc.get().uri("/admin/rate-limits").session(this.operator)).hasStatusOk()
			.bodyText()
			.contains(clientId, this.app.app().name(), "5 per minute", ADMIN_EMAIL,
					clientId + " now has its own rate limits.", "&quot;api&quot;;q=1000000;w=10");
		MvcTestResult call = this.mvc.get()
			.uri("/api/v1/me")
			.header("Authorization", "Bearer " + accessToken())
			.exchange();
		assertThat(call).hasStatusOk().hasHeader("RateLimit-Policy", "\"api\";q=5;w=60");
		assertThat(call.getResponse().getHeader("RateLimit")).startsWith("\"api\";r=4;");
	}

	@Test
	void operatorClearsAnAppsBudgetsAndItIsBackOnTheDefaults() {
		String clientId = this.app.app().clientId();
		setLimits(clientId, "", "", "5", "60");
		assertThat(this.mvc.get().uri("/admin/rate-limits").session(this.operator)).hasStatusOk();

		assertThat(this.mvc.post()
			.uri("/admin/rate-limits/clear")
			.session(this.operator)
			.with(csrf())
			.param("clientId", clientId)).hasRedirectedUrl("/admin/rate-limits");

		assertThat(this.mvc.get().uri("/admin/rate-limits").session(this.operator)).bodyText()
			.contains(clientId + " is back on the default rate limits.");
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + accessToken()))
			.hasHeader("RateLimit-Policy", "\"api\";q=1000000;w=10");
		// both changes are admin actions in the audit log, with the operator as actor
		assertThat(this.jdbc
			.sql("select actor, detail from audit_events where kind = 'ratelimit.changed' "
					+ "and client_id = ? order by at, detail")
			.param(clientId)
			.query((rs, row) -> rs.getString(1) + ": " + rs.getString(2))
			.list()).hasSize(2)
			.allSatisfy((line) -> assertThat(line).startsWith(ADMIN_EMAIL + ": Rate limits of " + clientId))
			.anySatisfy((line) -> assertThat(line).endsWith("back to the defaults"));
	}

	@Test
	void deletingAnAppClearsItsLimits() {
		String clientId = this.app.app().clientId();
		setLimits(clientId, "50", "60", "", "");
		assertThat(this.mvc.get().uri("/admin/rate-limits").session(this.operator)).bodyText()
			.contains("50 per minute");

		this.apps.delete(this.app.app().id());

		assertThat(this.mvc.get().uri("/admin/rate-limits").session(this.operator)).bodyText().doesNotContain(clientId);
	}

	@Test
	void formWithUnknownClientIdOrBadNumbersIsShownAgainWithWhatIsWrong() {
		assertThat(setLimits("no-such-app", "100", "60", "", "")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("No app has the client ID no-such-app.");
		assertThat(setLimits(this.app.app().clientId(), "many", "60", "10", "0")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Enter a whole number of requests from 1 to 1,000,000,000.",
					"Enter a window of 1 to 86,400 seconds (a day).", "value=\"many\"");
		assertThat(setLimits(this.app.app().clientId(), "", "", "", "")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Set at least one of the two budgets.");
	}

	@Test
	void peopleWhoAreNotPlatformAdministratorsAreRefused() {
		MockHttpSession marketer = new OAuthFlows(this.mvc).newPerson("marketer-" + UUID.randomUUID() + "@example.com");

		assertThat(this.mvc.get().uri("/admin/rate-limits").session(marketer)).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.post()
			.uri("/admin/rate-limits")
			.session(marketer)
			.with(csrf())
			.param("clientId", this.app.app().clientId())
			.param("apiQuota", "1000000")
			.param("apiWindow", "1")).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/admin/rate-limits")).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login");
	}

	private MvcTestResult setLimits(String clientId, String tokenQuota, String tokenWindow, String apiQuota,
			String apiWindow) {
		return this.mvc.post()
			.uri("/admin/rate-limits")
			.session(this.operator)
			.with(csrf())
			.param("clientId", clientId)
			.param("tokenQuota", tokenQuota)
			.param("tokenWindow", tokenWindow)
			.param("apiQuota", apiQuota)
			.param("apiWindow", apiWindow)
			.exchange();
	}

	private String accessToken() {
		return (String) new OAuthFlows(this.mvc)
			.clientCredentials(this.app.app().clientId(), this.app.clientSecret(), "contacts.read")
			.get("access_token");
	}

}
