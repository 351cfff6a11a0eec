package dev.mailgate.platform.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.mailgate.platform.ClientSecretBasic;
import dev.mailgate.platform.PinnedCertificate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The launcher's training start for class data sharing ({@code ./mailgate prepare}, with
 * {@code mailgate.class-data-training=true}, on a throw-away data directory): once the
 * node accepts traffic it asks itself what a new node's first callers ask (a health
 * check, the sign-in page, a token for the bootstrap client and an API call with it, a
 * refused token request), so that the classes those first requests load go into the
 * archive as well, and then exits. Spring Boot's own
 * {@code spring.context.exit=onRefresh} stops before any request: every start then loaded
 * about 800 classes from the jars (Tomcat's request path, Jackson's serializers, JMX for
 * the metrics) during its first health check (docs/benchmarks.md). The requests go to
 * 127.0.0.1 only; nothing they return is logged. Before the archive is written, the
 * training waits for the JIT compilers to go idle ({@link #awaitIdleCompilers}).
 */
@Component
@ConditionalOnBooleanProperty("mailgate.class-data-training")
class ClassDataTraining implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

	private static final Log log = LogFactory.getLog(ClassDataTraining.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final ApplicationAvailability availability;

	ClassDataTraining(ConfigurableApplicationContext context, ApplicationAvailability availability) {
		this.context = context;
		this.availability = availability;
	}

	/**
	 * Once the node accepts traffic, as a load balancer would see it (until then its
	 * health check answers 503): the event comes before the node's own record of it, so
	 * the requests wait on a thread of their own until the record says so too.
	 */
	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
		if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
			new Thread(this::train, "class-data-training").start();
		}
	}

	private void train() {
		try {
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (this.availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC
					&& System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			log.info("Training requests answered " + ask(this.context));
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			// the archive is still good, only without the first requests' classes
			log.warn("Training requests stopped: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			int status = SpringApplication.exit(this.context);
			if (!awaitIdleCompilers(TIMEOUT)) {
				// the closed context has stopped the logging system
				System.err.println("The compilers were still busy after " + TIMEOUT.toSeconds()
						+ " s; some methods may stay interpreted in the archive's starts");
			}
			// at once, with no more code run that could queue a compilation: the archive
			// is written now, on the way out (the context is closed already)
			Runtime.getRuntime().halt(status);
		}
	}

	/**
	 * Waits until the JIT compilers have nothing queued and nothing in progress. JDK 17
	 * writes a method's "queued for compilation" mark into the dynamic archive, and a
	 * start that maps the archive then never compiles that method (JDK-8306460, fixed in
	 * JDK 21): one such archive left {@code ServletRequestWrapper.getAttribute}
	 * interpreted in every start, and the API GET lost a third of its speed
	 * (docs/benchmarks.md).
	 * @return whether they were idle before the timeout
	 */
	static boolean awaitIdleCompilers(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			while (!idle((String) server.invoke(diagnostics, "compilerQueue", new Object[] { new String[0] },
					new String[] { String[].class.getName() }))) {
				if (System.nanoTime() > deadline) {
					return false;
				}
				Thread.sleep(20);
			}
			return true;
		}
		catch (JMException | RuntimeException ex) {
			// no such command on this JVM: write the archive as before
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Whether the compile queues ({@code jcmd Compiler.queue}) hold no task: every line
	 * is a heading or says "Empty".
	 */
	static boolean idle(String compileQueues) {
		return compileQueues.lines()
			.map(String::strip)
			.allMatch((line) -> line.isEmpty() || line.endsWith(":") || line.equals("Empty"));
	}

	/**
	 * @return each request and the status it was answered with, in order
	 */
	static List<String> ask(ConfigurableApplicationContext context)
			throws IOException, GeneralSecurityException, InterruptedException {
		Environment environment = context.getEnvironment();
		TlsSettings tls = TlsSettings.of(Binder.get(environment));
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT);
		String base;
		switch (tls.effectiveMode()) {
			case PROXY -> base = "http://127.0.0.1:" + port;
			case SELF_SIGNED -> {
				client.sslContext(
						PinnedCertificate.trusting(SelfSignedCertificate.in(dataDirectory(environment)).certificate()));
				base = "https://localhost:" + port;
			}
			// a provided certificate need not name localhost: no requests, as before
			default -> {
				return List.of();
			}
		}
		Requests requests = new Requests(client.build(), base);
		requests.get("/actuator/health", "application/json", null);
		requests.get("/login", "text/html", null);
		requests.get("/.well-known/oauth-authorization-server", "application/json", null);
		requests.token(ClientSecretBasic.authorization("no-such-client", "no-such-secret"));
		String id = environment.getProperty("mailgate.bootstrap.client.id");
		String secret = environment.getProperty("mailgate.bootstrap.client.secret");
		String token = (id != null && secret != null) ? requests.token(ClientSecretBasic.authorization(id, secret))
				: null;
		requests.get("/api/v1/me", "application/json", token);
		return requests.answers();
	}

	private static Path dataDirectory(Environment environment) {
		return Path.of(environment.getProperty("mailgate.data.dir", "data"));
	}

	/**
	 * The training's requests, each read to its end, and the statuses they were answered
	 * with (never their bodies).
	 */
	private record Requests(HttpClient http, String base, List<String> answers) {

		Requests(HttpClient http, String base) {
			this(http, base, new ArrayList<>());
		}

		void get(String path, String accept, @Nullable String bearer) throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", accept);
			if (bearer != null) {
				request.header("Authorization", "Bearer " + bearer);
			}
			send(request.GET());
		}

		/**
		 * @return the access token, or {@code null} when none was issued
		 */
		@Nullable String token(String authorization) throws IOException, InterruptedException {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + "/oauth2/token"))
				.header("Authorization", authorization)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
			return (response.statusCode() != 200) ? null
					: JSON.readTree(response.body()).path("access_token").stringValue(null);
		}

		private HttpResponse<String> send(HttpRequest.Builder builder) throws IOException, InterruptedException {
			HttpRequest request = builder.timeout(TIMEOUT).build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			this.answers.add(request.method() + " " + request.uri().getPath() + " " + response.statusCode());
			return response;
		}

	}

}
