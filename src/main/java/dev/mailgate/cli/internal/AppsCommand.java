package dev.mailgate.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./mailgate apps …}: the developer portal's powers on the command line, through
 * {@code /api/v1/apps}. A new secret is printed once, like the portal shows it once.
 */
@Command(name = "apps", mixinStandardHelpOptions = true, description = "Register and manage apps and their secrets.")
public class AppsCommand {

	@Spec
	@Nullable CommandSpec spec;

	@Mixin
	Connection connection = new Connection("apps.manage");

	@Option(names = "--json", description = "Print JSON for scripts instead of tables", scope = ScopeType.INHERIT)
	boolean json;

	@Command(name = "list", description = "List the workspace's apps.")
	int list() {
		JsonNode apps = this.connection.get("/api/v1/apps").path("data");
		if (this.json) {
			return print(apps);
		}
		Table table = new Table("CLIENT ID", "NAME", "TYPE", "STATUS");
		apps.forEach((app) -> table.row(text(app, "client_id"), text(app, "client_name"),
				"none".equals(text(app, "token_endpoint_auth_method")) ? "public" : "confidential",
				text(app, "status")));
		table.print(out());
		return 0;
	}

	@Command(name = "create", description = "Register an app; prints its client secret once.")
	int create(@Option(names = "--name", required = true) String name,
			@Option(names = "--description") @Nullable String description,
			@Option(names = "--website") @Nullable String website,
			@Option(names = "--redirect-uri",
					description = "A redirect URI (repeat for several); enables the authorization code grant") @Nullable List<String> redirectUris,
			@Option(names = "--scope", split = ",",
					description = "Scopes it may ask for, such as contacts.read,contacts.write") @Nullable List<String> scopes,
			@Option(names = "--client-credentials",
					description = "It acts on the workspace on its own (the default without redirect URIs)") boolean clientCredentials,
			@Option(names = "--public", description = "A browser or mobile app without a secret") boolean publicClient,
			@Option(names = "--jwt", description = "RFC 9068 JWT access tokens instead of opaque ones") boolean jwt) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("client_name", name);
		if (description != null) {
			metadata.put("description", description);
		}
		if (website != null) {
			metadata.put("client_uri", website);
		}
		List<String> grants = new ArrayList<>();
		if (redirectUris != null && !redirectUris.isEmpty()) {
			metadata.put("redirect_uris", redirectUris);
			grants.add("authorization_code");
			grants.add("refresh_token");
		}
		if (clientCredentials || grants.isEmpty()) {
			grants.add("client_credentials");
		}
		metadata.put("grant_types", grants);
		metadata.put("scope", String.join(" ", (scopes != null) ? scopes : List.of()));
		metadata.put("token_endpoint_auth_method", publicClient ? "none" : "client_secret_basic");
		metadata.put("access_token_format", jwt ? "jwt" : "opaque");
		JsonNode app = this.connection.post("/api/v1/apps", Connection.JSON.writeValueAsString(metadata));
		if (this.json) {
			return print(app);
		}
		PrintWriter out = out();
		out.println("Registered " + text(app, "client_name"));
		out.println("Client ID:      " + text(app, "client_id"));
		if (app.has("client_secret")) {
			out.println("Client secret:  " + text(app, "client_secret"));
			out.println();
			out.println("Copy the secret now: it will not be shown again.");
		}
		out.flush();
		return 0;
	}

	@Command(name = "show", description = "Show an app and its secrets (masked).")
	int show(@Parameters(paramLabel = "CLIENT_ID") String clientId) {
		JsonNode app = this.connection.get("/api/v1/apps/" + clientId);
		boolean confidential = !"none".equals(text(app, "token_endpoint_auth_method"));
		JsonNode secrets = confidential ? this.connection.get("/api/v1/apps/" + clientId + "/secrets").path("data")
				: Connection.JSON.createArrayNode();
		if (this.json) {
			Map<String, Object> both = new LinkedHashMap<>();
			both.put("app", app);
			both.put("secrets", secrets);
			out().println(Connection.JSON.writeValueAsString(both));
			out().flush();
			return 0;
		}
		PrintWriter out = out();
		out.println(text(app, "client_name") + "  (" + text(app, "status") + ")");
		out.println("Client ID:  " + text(app, "client_id"));
		out.println("Grants:     " + String.join(", ", strings(app.path("grant_types"))));
		out.println("Scopes:     " + text(app, "scope"));
		out.println("Redirects:  " + String.join(", ", strings(app.path("redirect_uris"))));
		out.println();
		if (confidential) {
			Table table = new Table("SECRET ID", "SECRET", "CREATED", "LAST USED", "EXPIRES", "STATUS");
			secrets.forEach((secret) -> table.row(text(secret, "id"),
					text(secret, "prefix") + "…" + text(secret, "last4"), text(secret, "created_at"),
					or(text(secret, "last_used_at"), "never")
							+ (secret.path("last_used_ip").isNull() ? "" : " from " + text(secret, "last_used_ip")),
					or(text(secret, "expires_at"), "never"), text(secret, "status")));
			table.print(out);
		}
		out.flush();
		return 0;
	}

	@Command(name = "rotate-secret",
			description = "Create a new secret; the current ones keep working for the grace period.")
	int rotateSecret(@Parameters(paramLabel = "CLIENT_ID") String clientId, @Option(names = "--grace",
			defaultValue = "7d",
			description = "How long the current secrets keep working: 0, 1h, 7d, 30d… (default 7d)") String grace) {
		long seconds = parseDuration(grace).toSeconds();
		JsonNode secret = this.connection.post("/api/v1/apps/" + clientId + "/secrets",
				"{\"grace_period_seconds\": " + seconds + "}");
		if (this.json) {
			return print(secret);
		}
		PrintWriter out = out();
		out.println("New client secret:  " + text(secret, "client_secret"));
		out.println((seconds == 0) ? "The previous secrets are revoked."
				: "The previous secrets keep working until " + text(secret, "previous_secrets_valid_until") + ".");
		out.println();
		out.println("Copy the secret now: it will not be shown again.");
		out.flush();
		return 0;
	}

	@Command(name = "revoke-secret", description = "Revoke one secret at once.")
	int revokeSecret(@Parameters(paramLabel = "CLIENT_ID") String clientId,
			@Parameters(paramLabel = "SECRET_ID") String secretId, @Option(names = "--force",
					description = "Revoke it even if it was used in the last 24 hours") boolean force) {
		try {
			this.connection.delete("/api/v1/apps/" + clientId + "/secrets/" + secretId + (force ? "?force=true" : ""));
		}
		catch (ApiFailed ex) {
			throw new ApiFailed(ex.getMessage().replace("repeat with ?force=true", "run again with --force"));
		}
		out().println("Secret " + secretId + " is revoked.");
		out().flush();
		return 0;
	}

	@Command(name = "suspend",
			description = "Suspend an app: it cannot authenticate and every token it holds is revoked.")
	int suspend(@Parameters(paramLabel = "CLIENT_ID") String clientId) {
		this.connection.post("/api/v1/apps/" + clientId + "/suspend", "{}");
		out().println(clientId + " is suspended; every token it held is revoked.");
		out().flush();
		return 0;
	}

	@Command(name = "resume", description = "Resume a suspended app.")
	int resume(@Parameters(paramLabel = "CLIENT_ID") String clientId) {
		this.connection.post("/api/v1/apps/" + clientId + "/resume", "{}");
		out().println(clientId + " is active again.");
		out().flush();
		return 0;
	}

	@Command(name = "delete", description = "Delete an app and everything it holds.")
	int delete(@Parameters(paramLabel = "CLIENT_ID") String clientId,
			@Option(names = "--yes", required = true, description = "Confirm: deleting cannot be undone") boolean yes) {
		this.connection.delete("/api/v1/apps/" + clientId);
		out().println(clientId + " is deleted.");
		out().flush();
		return 0;
	}

	static Duration parseDuration(String value) {
		String text = value.strip().toLowerCase(Locale.ROOT);
		if (text.equals("0")) {
			return Duration.ZERO;
		}
		try {
			long amount = Long.parseLong(text.substring(0, text.length() - 1));
			return switch (text.charAt(text.length() - 1)) {
				case 's' -> Duration.ofSeconds(amount);
				case 'm' -> Duration.ofMinutes(amount);
				case 'h' -> Duration.ofHours(amount);
				case 'd' -> Duration.ofDays(amount);
				default -> throw new ApiFailed("--grace takes 0 or a number with s, m, h or d, such as 7d");
			};
		}
		catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
			throw new ApiFailed("--grace takes 0 or a number with s, m, h or d, such as 7d");
		}
	}

	private int print(JsonNode node) {
		out().println(Connection.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
		out().flush();
		return 0;
	}

	private PrintWriter out() {
		return (this.spec != null) ? this.spec.commandLine().getOut() : new PrintWriter(System.out, true);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isNull() || value.isMissingNode()) ? "" : value.asString();
	}

	private static String or(String value, String fallback) {
		return value.isEmpty() ? fallback : value;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((item) -> values.add(item.asString()));
		return values;
	}

}
