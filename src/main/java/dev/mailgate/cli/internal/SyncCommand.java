package dev.mailgate.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./mailgate sync …}: the workspace's connected accounts and their contact syncs,
 * through {@code /api/v1/integrations} (scope {@code integrations.manage}).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
		subcommands = { SyncRunCommand.class, SyncListCommand.class, SyncCancelCommand.class },
		description = "Import contacts from connected accounts (HubSpot, another Mailgate).")
public class SyncCommand implements Runnable {

	static final String SCOPE = "integrations.manage";

	@Spec
	@Nullable CommandSpec spec;

	@Override
	public void run() {
		if (this.spec != null) {
			throw new ParameterException(this.spec.commandLine(), "Name a command: run, list or cancel");
		}
	}

	static List<JsonNode> connections(Connection connection) {
		List<JsonNode> connections = new ArrayList<>();
		connection.get("/api/v1/integrations/connections").path("data").forEach(connections::add);
		return connections;
	}

	/**
	 * The connection a person named: its id, or its provider's name or type when only one
	 * connection matches.
	 */
	static JsonNode find(Connection connection, String name) {
		List<JsonNode> matches = new ArrayList<>();
		for (JsonNode candidate : connections(connection)) {
			if (candidate.path("id").asString().equals(name)) {
				return candidate;
			}
			String lower = name.toLowerCase(Locale.ROOT);
			if (candidate.path("provider").path("name").asString().toLowerCase(Locale.ROOT).equals(lower)
					|| candidate.path("provider").path("type").asString().equals(lower)) {
				matches.add(candidate);
			}
		}
		if (matches.size() == 1) {
			return matches.get(0);
		}
		throw new BadUsage(
				matches.isEmpty() ? "No connection " + name + " in the workspace; ./mailgate sync list shows them"
						: "Several connections match " + name + "; name one by its id (./mailgate sync list)");
	}

}
