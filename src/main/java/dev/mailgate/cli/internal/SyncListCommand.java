package dev.mailgate.cli.internal;

import java.io.PrintWriter;
import java.util.List;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./mailgate sync list}: the workspace's connected accounts.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the workspace's connected accounts.")
class SyncListCommand implements Runnable {

	@Spec
	@Nullable CommandSpec spec;

	@Mixin
	Connection connection = new Connection(SyncCommand.SCOPE);

	@Option(names = "--json", description = "Print JSON for scripts")
	boolean json;

	@Override
	public void run() {
		List<JsonNode> connections = SyncCommand.connections(this.connection);
		PrintWriter out = (this.spec != null) ? this.spec.commandLine().getOut() : new PrintWriter(System.out, true);
		if (this.json) {
			out.println(Connection.JSON.writeValueAsString(connections));
			out.flush();
			return;
		}
		if (connections.isEmpty()) {
			out.println("No connected accounts yet: connect one on Mailgate's Integrations page.");
			out.flush();
			return;
		}
		Table table = new Table("ID", "PROVIDER", "ACCOUNT", "STATUS", "CONTACT SYNC");
		for (JsonNode item : connections) {
			table.row(item.path("id").asString(), item.path("provider").path("name").asString(),
					item.path("account_label").asString(), item.path("status").asString().replace('_', ' '),
					item.path("contact_sync").asBoolean() ? "yes" : "no");
		}
		table.print(out);
	}

}
