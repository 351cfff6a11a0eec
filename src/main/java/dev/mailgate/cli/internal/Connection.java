package dev.mailgate.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.net.ssl.SSLContext;

import dev.mailgate.platform.ClientSecretBasic;
import dev.mailgate.platform.PinnedCertificate;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the command line reaches Mailgate: the server and an app's client credentials (with
 * the scopes the command needs), from options, from {@code MAILGATE_SERVER},
 * {@code MAILGATE_CLIENT_ID} and {@code MAILGATE_CLIENT_SECRET}, or from a credentials
 * file that only its owner may read. A local server's self-signed certificate in
 * {@code ./data/tls} is trusted for localhost.
 */
public class Connection {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Option(names = "--server", scope = ScopeType.INHERIT,
			description = "Mailgate's base URL (default: $MAILGATE_SERVER, the credentials file, or https://localhost:8443)")
	@Nullable String server;

	@Option(names = "--client-id", scope = ScopeType.INHERIT,
			description = "An app's client ID (default: $MAILGATE_CLIENT_ID or the credentials file)")
	@Nullable String clientId;

	@Option(names = "--client-secret", scope = ScopeType.INHERIT,
			description = "Its client secret (default: $MAILGATE_CLIENT_SECRET or the credentials file)")
	@Nullable String clientSecret;

	@Option(names = "--credentials", scope = ScopeType.INHERIT,
			description = "A properties file with server, client_id and client_secret; must be mode 0600 (default: $MAILGATE_CREDENTIALS or ~/.config/mailgate/credentials)")
	@Nullable Path credentials;

	@Option(names = "--trust-cert", scope = ScopeType.INHERIT,
			description = "A PEM certificate to trust (for a self-signed server)")
	@Nullable Path trustCertificate;

	private final String scope;

	private @Nullable HttpClient client;

	private @Nullable String token;

	private @Nullable String base;

	/**
	 * @param scope what the command's access token is asked for, such as
	 * {@code apps.manage}
	 */
	Connection(String scope) {
		this.scope = scope;
	}

	JsonNode get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), true);
	}

	JsonNode post(String path, String json) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), true);
	}

	JsonNode delete(String path) {
		return send(HttpRequest.newBuilder(uri(path)).DELETE(), true);
	}

	private JsonNode send(HttpRequest.Builder request, boolean authorized) {
		boolean fresh = this.token == null;
		if (authorized) {
			request.setHeader("Authorization", "Bearer " + token());
		}
		request.setHeader("Accept", "application/json");
		HttpResponse<String> response = exchange(request.build());
		if (authorized && !fresh && response.statusCode() == 401) {
			// access tokens live minutes; a long import outlives its first one
			this.token = null;
			request.setHeader("Authorization", "Bearer " + token());
			response = exchange(request.build());
		}
		JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
		if (response.statusCode() >= 400) {
			String detail = body.path("detail").asString(body.path("error_description").asString(""));
			throw new ApiFailed("%s (HTTP %d)".formatted(detail.isEmpty() ? "the server refused the request" : detail,
					response.statusCode()));
		}
		return body;
	}

	private HttpResponse<String> exchange(HttpRequest request) {
		try {
			return client().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new ApiFailed("Cannot reach " + base() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiFailed("Interrupted");
		}
	}

	private String token() {
		if (this.token == null) {
			Map<String, String> settings = settings();
			String id = settings.get("client_id");
			String secret = settings.get("client_secret");
			if (id == null || secret == null) {
				throw new ApiFailed("No client credentials: use --client-id and --client-secret, MAILGATE_CLIENT_ID "
						+ "and MAILGATE_CLIENT_SECRET, or a credentials file");
			}
			JsonNode answer = send(HttpRequest.newBuilder(uri("/oauth2/token"))
				.header("Authorization", ClientSecretBasic.authorization(id, secret))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + encode(this.scope))),
					false);
			this.token = answer.path("access_token").asString();
		}
		return this.token;
	}

	private URI uri(String path) {
		return URI.create(base() + path);
	}

	String base() {
		if (this.base == null) {
			String configured = settings().get("server");
			this.base = ((configured != null) ? configured : "https://localhost:8443").replaceAll("/+$", "");
		}
		return this.base;
	}

	private Map<String, String> settings() {
		Properties file = new Properties();
		Path path = (this.credentials != null) ? this.credentials : credentialsFromEnvironment();
		if (path != null && Files.exists(path)) {
			checkOwnerOnly(path);
			try (InputStream in = Files.newInputStream(path)) {
				file.load(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		else if (this.credentials != null) {
			throw new ApiFailed("No credentials file at " + this.credentials);
		}
		Map<String, String> settings = new HashMap<>();
		pick(settings, "server", this.server, System.getenv("MAILGATE_SERVER"), file.getProperty("server"));
		pick(settings, "client_id", this.clientId, System.getenv("MAILGATE_CLIENT_ID"), file.getProperty("client_id"));
		pick(settings, "client_secret", this.clientSecret, System.getenv("MAILGATE_CLIENT_SECRET"),
				file.getProperty("client_secret"));
		return settings;
	}

	private static void pick(Map<String, String> settings, String name, @Nullable String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && !candidate.isBlank()) {
				settings.put(name, candidate.strip());
				return;
			}
		}
	}

	private static @Nullable Path credentialsFromEnvironment() {
		String configured = System.getenv("MAILGATE_CREDENTIALS");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("user.home"), ".config", "mailgate", "credentials");
	}

	static void checkOwnerOnly(Path path) {
		if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return; // no owner-only permissions to check on this file system
		}
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
			if (!Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE).containsAll(permissions)) {
				throw new ApiFailed("%s has permissions %s; it holds a client secret, so only its owner may read it: "
					.formatted(path, PosixFilePermissions.toString(permissions)) + "chmod 600 " + path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private HttpClient client() {
		if (this.client == null) {
			HttpClient.Builder builder = HttpClient.newBuilder();
			Path certificate = this.trustCertificate;
			URI server = URI.create(base());
			Path local = Path.of(System.getenv().getOrDefault("MAILGATE_DATA_DIR", "data"), "tls", "localhost.crt");
			if (certificate == null && ("localhost".equals(server.getHost()) || "127.0.0.1".equals(server.getHost()))
					&& Files.exists(local)) {
				certificate = local;
			}
			if (certificate != null && "https".equals(server.getScheme())) {
				builder.sslContext(trusting(certificate));
			}
			this.client = builder.build();
		}
		return this.client;
	}

	private static SSLContext trusting(Path certificate) {
		try {
			return PinnedCertificate.trusting(certificate);
		}
		catch (IOException ex) {
			throw new ApiFailed("Cannot read " + certificate + ": " + ex.getMessage());
		}
		catch (GeneralSecurityException ex) {
			throw new ApiFailed("Cannot use " + certificate + " as a certificate: " + ex.getMessage());
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
