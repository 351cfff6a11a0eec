package dev.mailgate.platform.internal;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.HttpsClient;
import dev.mailgate.support.RecordEndpoints;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.actuate.endpoint.web.WebMvcEndpointHandlerMapping;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * What every client meets at Mailgate's edge: HTTPS, security headers, cookies, error
 * pages and problems, and the actuator endpoints.
 */
class WebEdgeIntegrationTests extends IntegrationTestSupport {

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@Test
	void servesHttpsWithTheCertificateItCreatedInTheDataDirectory() throws Exception {
		HttpResponse<String> response = client().get("/actuator/health", "application/json");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
		Certificate served = response.sslSession().orElseThrow().getPeerCertificates()[0];
		assertThat(served).isEqualTo(HttpsClient.certificate(this.dataDirectory));
	}

	@Test
	void pagesCarryTheSecurityHeadersAndHardenedSessionCookie() throws Exception {
		HttpResponse<String> response = client().get("/login", "text/html");

		assertThat(response.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
		assertThat(response.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
		assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
		assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
		assertThat(response.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("__Host-mailgate-session=")
				.contains("Secure", "HttpOnly", "SameSite=Lax", "Path=/"));
	}

	@Test
	void ignoresForwardedHeadersWhenNotBehindAProxy() {
		assertThat(
				client().get("/account", "text/html", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http")
					.headers()
					.firstValue("Location"))
			.hasValueSatisfying(
					(location) -> assertThat(location).isEqualTo("https://localhost:" + this.port + "/login"));
	}

	@Test
	void unknownPageShowsTheDesignedErrorPageWithoutInternals() {
		HttpResponse<String> response = signedIn().get("/nothing-here", "text/html");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("There is nothing here", "Go to Mailgate")
			.doesNotContain("Exception", "Whitelabel", "at org.");
	}

	@Test
	void jsonClientsGetRfc9457Problems() {
		HttpResponse<String> response = signedIn().get("/nothing-here", "application/json");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).contains("\"status\":404", "\"title\":\"Not Found\"",
				"\"instance\":\"/nothing-here\"");
	}

	@Test
	void anonymousJsonClientsGetA401Problem() {
		HttpResponse<String> response = client().get("/", "application/json");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"status\":401");
	}

	@Test
	void unexpectedFailureOfAJsonEndpointIsA500ProblemWithoutStackTrace() {
		HttpResponse<String> response = signedIn().get("/test-failures/json", "application/json");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).contains("Something went wrong on our side")
			.doesNotContain("hunter2", "IllegalStateException", "at dev.");
	}

	@Test
	void unexpectedFailureOfAPageIsTheDesigned500Page() {
		HttpResponse<String> response = signedIn().get("/test-failures/page", "text/html");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("Something went wrong on our side")
			.doesNotContain("hunter2", "IllegalStateException", "at dev.");
	}

	@Test
	void healthIsOpenToEveryone() {
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk().bodyText().contains("UP");
		assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatusOk();
	}

	@Test
	void applicationEndpointsAreFoundBeforeTheActuatorIsAsked() {
		List<HandlerMapping> mappings = new ArrayList<>(this.context.getBeansOfType(HandlerMapping.class).values());
		AnnotationAwareOrderComparator.sort(mappings);
		List<Class<?>> order = mappings.stream().<Class<?>>map(Object::getClass).toList();

		assertThat(order).containsSubsequence(RequestMappingHandlerMapping.class, WebMvcEndpointHandlerMapping.class);
		// the actuator still answers its own paths, one mapping later
		assertThat(this.mvc.get().uri("/actuator/health/liveness")).hasStatusOk().bodyText().contains("UP");
		assertThat(this.mvc.get().uri("/actuator/prometheus").with(httpBasic(ADMIN_EMAIL, ADMIN_PASSWORD)))
			.hasStatusOk();
	}

	@Test
	void noRequestIsWrappedToRewriteLinksToStaticFiles() {
		// spring.web.resources.chain.enabled=false: Swagger UI's webjars locator would
		// otherwise put this filter in front of every request, the API's included
		assertThat(this.context.getBeansOfType(FilterRegistrationBean.class).values())
			.extracting(FilterRegistrationBean::getFilter)
			.noneMatch(ResourceUrlEncodingFilter.class::isInstance);
		// the pages' files and Swagger UI's are served all the same
		assertThat(this.mvc.get().uri("/css/mailgate.css")).hasStatusOk().hasContentType("text/css");
		assertThat(this.mvc.get().uri("/docs/swagger-ui/swagger-ui-bundle.js")).hasStatusOk()
			.bodyText()
			.contains("SwaggerUIBundle");
		assertThat(this.mvc.get().uri("/login")).hasStatusOk().bodyText().contains("href=\"/css/mailgate.css\"");
	}

	@Test
	void recordAndMapBodiesWrittenDirectlyAreTheBytesSpringsNegotiationWrites() throws Exception {
		// DirectJsonBodies writes a record or a map itself for no Accept,
		// application/json
		// and */*; any other Accept goes through Spring's negotiation. Both give the
		// same.
		String recordBody = "{\"greeting_text\":\"Hello, ada\",\"sent_at\":\"2026-11-30T12:00:00Z\","
				+ "\"tags\":[\"b\",\"a\"],\"nothing\":null}";
		Map<String, String> bodies = Map.of("/test-bodies/ada", recordBody, "/test-bodies-map/ada",
				"{\"greeting\":" + recordBody + ",\"count\":2,\"nothing\":null}");
		for (Map.Entry<String, String> expected : bodies.entrySet()) {
			MvcTestResult negotiated = get(expected.getKey(), "application/json, text/plain;q=0.5");
			assertThat(negotiated).hasStatusOk().hasContentType("application/json");
			assertThat(negotiated.getResponse().getContentAsString()).isEqualTo(expected.getValue());
			for (String accept : new String[] { null, "application/json", "*/*", "" }) {
				MvcTestResult direct = get(expected.getKey(), accept);
				assertThat(direct).as("%s, Accept: %s", expected.getKey(), accept).hasStatusOk();
				assertThat(direct.getResponse().getContentType()).isEqualTo(negotiated.getResponse().getContentType());
				assertThat(direct.getResponse().getContentAsString()).isEqualTo(expected.getValue());
				assertThat(direct.getResponse().getHeaderNames())
					.containsExactlyInAnyOrderElementsOf(negotiated.getResponse().getHeaderNames());
			}
		}
		// the adapter has the shortcut in front of Spring's own handlers, and it wrote
		// both
		Method record = RecordEndpoints.class.getDeclaredMethod("greet", String.class);
		Method map = RecordEndpoints.class.getDeclaredMethod("greetAsMap", String.class);
		RequestMappingHandlerAdapter adapter = this.context.getBean(RequestMappingHandlerAdapter.class);
		assertThat(adapter.getReturnValueHandlers()).singleElement()
			.isInstanceOfSatisfying(DirectJsonBodies.Handler.class, (handler) -> {
				assertThat(handler.springHandlers())
					.hasAtLeastOneElementOfType(RequestResponseBodyMethodProcessor.class);
				assertThat(handler.wroteDirectly(record)).isTrue();
				assertThat(handler.wroteDirectly(map)).isTrue();
			});
	}

	@Test
	void recordBodiesStillNegotiateWhatTheShortcutLeavesToSpring() {
		// RFC 9110 §15.5.7: nothing Mailgate writes matches this Accept
		assertThat(get("/test-bodies/ada", "application/xml")).hasStatus(HttpStatus.NOT_ACCEPTABLE);
		// Spring's guard against reflected file downloads still names a safe file for a
		// path that ends like a file name
		assertThat(
				this.mvc.get().uri("/test-bodies/ada.bat").accept(MediaType.APPLICATION_JSON).with(user(ADMIN_EMAIL)))
			.hasStatusOk()
			.headers()
			.hasValue("Content-Disposition", "inline;filename=f.txt");
	}

	@Test
	void recordBodyThatCannotBeWrittenIsA500ProblemWithoutItsMessage() {
		for (String accept : new String[] { "application/json", "application/json, text/plain;q=0.5" }) {
			MvcTestResult failed = this.mvc.get()
				.uri("/test-bodies-failing")
				.header("Accept", accept)
				.with(user(ADMIN_EMAIL))
				.exchange();
			assertThat(failed).as("Accept: %s", accept)
				.hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
				.hasContentType("application/problem+json")
				.bodyText()
				.doesNotContain("hunter2", "IllegalStateException");
		}
	}

	private MvcTestResult get(String path, @Nullable String accept) {
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.get().uri(path).with(user(ADMIN_EMAIL));
		return ((accept != null) ? request.header("Accept", accept) : request).exchange();
	}

	@Test
	void classDataTrainingAsksWhatANewNodesFirstCallersAsk() throws Exception {
		// what the launcher's training start (./mailgate prepare) asks itself before it
		// exits, so that these requests' classes go into the class data sharing archive
		assertThat(ClassDataTraining.ask((ConfigurableApplicationContext) this.context)).containsExactly(
				"GET /actuator/health 200", "GET /login 200", "GET /.well-known/oauth-authorization-server 200",
				"POST /oauth2/token 401", "POST /oauth2/token 200", "GET /api/v1/me 200");
	}

	@Test
	void runsInTheContextWhoseBeanFactoryRemembersLookUps() {
		// META-INF/spring.factories puts MailgateContextFactory ahead of Spring Boot's
		// own
		assertThat(((ConfigurableApplicationContext) this.context).getBeanFactory())
			.isInstanceOf(MailgateContextFactory.LookupCachingBeanFactory.class);
	}

	@Test
	void prometheusMetricsAreForPlatformAdministratorsOnly() {
		assertThat(this.mvc.get().uri("/actuator/prometheus")).hasStatus(HttpStatus.UNAUTHORIZED)
			.containsHeader("WWW-Authenticate");
		assertThat(this.mvc.get().uri("/actuator/prometheus").with(httpBasic(ADMIN_EMAIL, "wrong")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/actuator/prometheus").with(httpBasic(ADMIN_EMAIL, ADMIN_PASSWORD)))
			.hasStatusOk()
			.bodyText()
			.contains("jvm_memory_used_bytes");
	}

	@Test
	void prometheusIsForbiddenToOrdinaryUsers() {
		String email = uniqueEmail();
		this.mvc.post()
			.uri("/signup")
			.with(csrf())
			.param("email", email)
			.param("displayName", "Member")
			.param("password", "correct horse battery staple")
			.exchange();

		assertThat(this.mvc.get().uri("/actuator/prometheus").with(httpBasic(email, "correct horse battery staple")))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void bootstrapClientIsStoredHashedInTheBootstrapWorkspace() {
		String stored = this.jdbc
			.sql("select s.secret_hash from apps_client_secrets s "
					+ "join apps_apps a on a.id = s.app_id where a.client_id = ?")
			.param(BOOTSTRAP_CLIENT_ID)
			.query(String.class)
			.single();

		assertThat(stored).hasSize(64).doesNotContain(BOOTSTRAP_CLIENT_SECRET);
	}

	private HttpsClient client() {
		return new HttpsClient(this.dataDirectory, this.port);
	}

	private HttpsClient signedIn() {
		HttpsClient client = client();
		assertThat(client.signIn(ADMIN_EMAIL, ADMIN_PASSWORD).statusCode()).isEqualTo(302);
		return client;
	}

}
