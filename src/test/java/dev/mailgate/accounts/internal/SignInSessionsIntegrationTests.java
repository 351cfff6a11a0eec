package dev.mailgate.accounts.internal;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.TokenFormat;
import dev.mailgate.platform.SecretBox;
import dev.mailgate.support.HttpsClient;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in sessions live in the database (Spring Session JDBC), so that any node serves
 * any step of a browser's journey. Everything here goes through the real HTTPS port, as a
 * browser does; "another node" is a second session repository on the same database, as a
 * second Mailgate would build it.
 */
class SignInSessionsIntegrationTests extends IntegrationTestSupport {

	static final String COOKIE = "__Host-mailgate-session";

	static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";

	static final String REDIRECT_URI = "https://crm.example.com/oauth/callback";

	private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	SecretBox box;

	@Autowired
	Registration registration;

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	@Test
	void signInKeepsTheSessionInTheDatabaseBehindTheSameCookieAsBefore() {
		String email = newPerson();
		HttpsClient browser = browser();

		HttpResponse<String> signedIn = browser.signIn(email, OAuthFlows.PASSWORD);

		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().allValues("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith(COOKIE + "="))
			.singleElement()
			.asString()
			.contains("; Path=/", "; Secure", "; HttpOnly", "; SameSite=Lax")
			.doesNotContain("Domain=");
		assertThat(this.jdbc
			.sql("select principal_name, max_inactive_interval from accounts_sessions where session_id = ?")
			.param(sessionId(browser))
			.query((rs, row) -> rs.getString(1) + " " + rs.getInt(2))
			.single()).isEqualTo(email + " " + Duration.ofHours(8).toSeconds());
		// sealed: the row does not show who is signed in, nor anything else in clear
		assertThat(new String(attribute(sessionId(browser), SECURITY_CONTEXT), StandardCharsets.ISO_8859_1))
			.doesNotContain(email, "SecurityContext");
	}

	@Test
	void anotherNodeReadsTheSignedInPersonFromTheDatabase() {
		String email = newPerson();
		HttpsClient browser = browser();
		browser.signIn(email, OAuthFlows.PASSWORD);

		JdbcIndexedSessionRepository otherNode = otherNode();
		Session session = otherNode.findById(sessionId(browser));
		SecurityContext context = session.getAttribute(SECURITY_CONTEXT);

		assertThat(context.getAuthentication().getName()).isEqualTo(email);
		assertThat(context.getAuthentication().getPrincipal()).isInstanceOf(SignedInUser.class);
		assertThat(otherNode.findByPrincipalName(email)).containsOnlyKeys(sessionId(browser));
	}

	@Test
	void signInStartsANewSessionAndSignOutDeletesItsRow() {
		String email = newPerson();
		HttpsClient browser = browser();
		browser.get("/login", "text/html");
		String before = sessionId(browser);

		browser.signIn(email, OAuthFlows.PASSWORD);
		String after = sessionId(browser);
		assertThat(after).isNotEqualTo(before);
		assertThat(rows(before)).isZero();
		assertThat(rows(after)).isOne();

		String csrf = HttpsClient.csrf(browser.get("/", "text/html").body());
		assertThat(browser.post("/logout", "_csrf", csrf).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?signedOut"));
		assertThat(rows(after)).isZero();
		assertThat(browser.get("/", "text/html").statusCode()).isEqualTo(302);
	}

	// RFC 6749 §4.1.1: the authorization request waits in the session while the person
	// signs in and consents; each step reads it back from the database
	@Test
	void consentFlowCompletesWithEveryStepReadFromTheDatabase() {
		String email = newPerson();
		RegisteredApp app = app();
		Pkce pkce = OAuthFlows.pkce();
		HttpsClient browser = browser();

		HttpResponse<String> authorize = browser.get(authorizationRequest(app, pkce), "text/html");
		assertThat(location(authorize)).endsWith("/login");
		Session waiting = otherNode().findById(sessionId(browser));
		SavedRequest saved = waiting.getAttribute("SPRING_SECURITY_SAVED_REQUEST");
		assertThat(saved.getRedirectUrl()).contains("/oauth2/authorize?", app.app().clientId());

		HttpResponse<String> signedIn = browser.signIn(email, OAuthFlows.PASSWORD);
		HttpResponse<String> toConsent = browser.get(path(location(signedIn)), "text/html");
		assertThat(location(toConsent)).contains("/oauth2/consent?");
		HttpResponse<String> consentPage = browser.get(path(location(toConsent)), "text/html");
		assertThat(consentPage.body()).contains("Session Test CRM");

		HttpResponse<String> allowed = browser.post("/oauth2/authorize", "client_id", app.app().clientId(), "state",
				state(consentPage.body()), "scope", "contacts.read", "_csrf", HttpsClient.csrf(consentPage.body()));
		assertThat(location(allowed)).startsWith(REDIRECT_URI + "?code=").contains("state=s-42");
	}

	@Test
	void protocolAndApiRequestsNeverReadOrWriteASessionRowEvenWithTheCookie() {
		String email = newPerson();
		HttpsClient browser = browser();
		browser.signIn(email, OAuthFlows.PASSWORD);
		List<String> before = sessionTable();
		String[] basic = { "Authorization", "Basic " + Base64.getEncoder()
			.encodeToString((BOOTSTRAP_CLIENT_ID + ":" + BOOTSTRAP_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)) };

		HttpResponse<String> token = browser.post("/oauth2/token", basic, "grant_type", "client_credentials", "scope",
				"contacts.read");
		String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
		List<HttpResponse<String>> responses = List.of(token,
				browser.post("/oauth2/token", new String[] { "Authorization", "Basic bm9ib2R5Om5vdGhpbmc=" },
						"grant_type", "client_credentials"),
				browser.post("/oauth2/introspect", basic, "token", accessToken),
				browser.get("/api/v1/contacts", "application/json", "Authorization", "Bearer " + accessToken),
				browser.get("/api/v1/contacts", "application/json", "Authorization", "Bearer mga_unknown"),
				browser.post("/oauth2/revoke", basic, "token", accessToken), browser.get("/oauth2/jwks", "*/*"),
				browser.get("/.well-known/oauth-authorization-server", "application/json"),
				browser.get("/actuator/health", "application/json"));

		assertThat(responses).extracting(HttpResponse::statusCode)
			.containsExactly(200, 401, 200, 200, 401, 200, 200, 200, 200);
		assertThat(responses)
			.allSatisfy((response) -> assertThat(response.headers().allValues("Set-Cookie")).isEmpty());
		assertThat(sessionTable()).isEqualTo(before);
	}

	@Test
	void aSessionThatCannotBeReadBackMeansSignedOutNeverAnError() {
		String email = newPerson();
		HttpsClient browser = browser();
		browser.signIn(email, OAuthFlows.PASSWORD);
		// as after an upgrade that changed a class, or a key that is not this node's
		this.jdbc.sql("""
				update accounts_sessions_attributes set attribute_bytes = ?
				where session_primary_id = (select primary_id from accounts_sessions where session_id = ?)""")
			.params(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), sessionId(browser))
			.update();

		HttpResponse<String> home = browser.get("/", "text/html");
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(location(home)).endsWith("/login");
		assertThat(browser.signIn(email, OAuthFlows.PASSWORD).statusCode()).isEqualTo(302);
		assertThat(browser.get("/account", "text/html").body()).contains(email);
	}

	@Test
	void expiredSessionsAreDeletedAndTwoNodesCleaningUpAtOnceDoNoHarm() throws Exception {
		String email = newPerson();
		HttpsClient browser = browser();
		browser.signIn(email, OAuthFlows.PASSWORD);
		JdbcIndexedSessionRepository nodeA = otherNode();
		JdbcIndexedSessionRepository nodeB = otherNode();
		List<String> expired = IntStream.range(0, 40).mapToObj((i) -> expiredSession(nodeA)).toList();

		CountDownLatch start = new CountDownLatch(1);
		CompletableFuture<?> a = CompletableFuture.runAsync(() -> cleanUpAfter(start, nodeA));
		CompletableFuture<?> b = CompletableFuture.runAsync(() -> cleanUpAfter(start, nodeB));
		start.countDown();
		CompletableFuture.allOf(a, b).get();

		assertThat(expired).allSatisfy((id) -> assertThat(rows(id)).isZero());
		assertThat(rows(sessionId(browser))).isOne();
	}

	private static void cleanUpAfter(CountDownLatch start, JdbcIndexedSessionRepository node) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		node.cleanUpExpiredSessions();
	}

	private static <S extends Session> String expiredSession(SessionRepository<S> sessions) {
		S session = sessions.createSession();
		session.setAttribute("note", "left behind");
		session.setMaxInactiveInterval(Duration.ofMinutes(30));
		session.setLastAccessedTime(Instant.now().minus(Duration.ofHours(1)));
		sessions.save(session);
		return session.getId();
	}

	/**
	 * The session repository a second Mailgate on the same database has.
	 */
	private JdbcIndexedSessionRepository otherNode() {
		JdbcIndexedSessionRepository sessions = new JdbcIndexedSessionRepository(new JdbcTemplate(this.dataSource),
				new TransactionTemplate(this.transactions));
		sessions.setTableName("accounts_sessions");
		sessions.setConversionService(new SealedSessionAttributes(this.box));
		return sessions;
	}

	private String newPerson() {
		String email = uniqueEmail();
		this.registration.register(new NewAccount(EmailAddress.of(email), "Sessions Tester", OAuthFlows.PASSWORD,
				"Sessions workspace", false));
		return email;
	}

	private RegisteredApp app() {
		return this.apps.register(this.accounts.bootstrapWorkspace().orElseThrow(),
				new NewApp("Session Test CRM", null, "https://crm.example.com", null, true, List.of(REDIRECT_URI),
						Set.of("authorization_code", "refresh_token"), Set.of("contacts.read"), TokenFormat.OPAQUE,
						Duration.ofMinutes(15)),
				false);
	}

	private static String authorizationRequest(RegisteredApp app, Pkce pkce) {
		return "/oauth2/authorize?response_type=code&client_id=" + app.app().clientId() + "&redirect_uri="
				+ URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8)
				+ "&scope=contacts.read&state=s-42&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
	}

	private HttpsClient browser() {
		return new HttpsClient(this.dataDirectory, this.port);
	}

	private static String sessionId(HttpsClient browser) {
		HttpCookie cookie = browser.cookie(COOKIE).orElseThrow();
		return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
	}

	private long rows(String sessionId) {
		return this.jdbc.sql("select count(*) from accounts_sessions where session_id = ?")
			.param(sessionId)
			.query(Long.class)
			.single();
	}

	private byte[] attribute(String sessionId, String name) {
		return this.jdbc.sql("""
				select a.attribute_bytes from accounts_sessions_attributes a
				join accounts_sessions s on s.primary_id = a.session_primary_id
				where s.session_id = ? and a.attribute_name = ?""")
			.params(sessionId, name)
			.query(byte[].class)
			.single();
	}

	/**
	 * Every session with when it was last used and its attributes' sizes: any read
	 * through Spring Session moves the last use, any write changes a row.
	 */
	private List<String> sessionTable() {
		return this.jdbc.sql("""
				select s.session_id, s.last_access_time, s.expiry_time, count(a.attribute_name)
				from accounts_sessions s left join accounts_sessions_attributes a on a.session_primary_id = s.primary_id
				group by s.session_id, s.last_access_time, s.expiry_time order by s.session_id""")
			.query((rs, row) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getInt(4))
			.list();
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	private String path(String location) {
		URI uri = URI.create(location);
		return (uri.getRawQuery() != null) ? uri.getRawPath() + "?" + uri.getRawQuery() : uri.getRawPath();
	}

	private static String state(String consentPage) {
		Matcher state = STATE.matcher(consentPage);
		assertThat(state.find()).as("the consent page carries the state").isTrue();
		return state.group(1).replace("&#61;", "=").replace("&amp;", "&");
	}

}
