package dev.mailgate.cli.internal;

import java.io.PrintWriter;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./mailgate sync cancel RUN}: stops a sync run that is queued, running or
 * waiting; what it imported so far stays.
 */
@Command(name = "cancel", mixinStandardHelpOptions = true,
		description = "Cancel a sync run that is going; the contacts it imported so far stay.")
class SyncCancelCommand implements Runnable {

	@Spec
	@Nullable CommandSpec spec;

	@Mixin
	Connection connection = new Connection(SyncCommand.SCOPE);

	@Parameters(paramLabel = "RUN", description = "The run's id, as sync run prints it")
	@Nullable String run;

	@Override
	public void run() {
		String id = Objects.requireNonNull(this.run, "picocli requires it");
		JsonNode cancelled = this.connection.post("/api/v1/integrations/sync-runs/" + id + "/cancel", "{}");
		PrintWriter out = (this.spec != null) ? this.spec.commandLine().getOut() : new PrintWriter(System.out, true);
		out.printf("Cancelled sync run %s: %,d created and %,d updated before it stopped.%n", id,
				cancelled.path("created").asLong(), cancelled.path("updated").asLong());
		out.flush();
	}

}
