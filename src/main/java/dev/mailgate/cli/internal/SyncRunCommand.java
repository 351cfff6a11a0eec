package dev.mailgate.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./mailgate sync run CONNECTION}: starts a contact sync (or joins the one going),
 * shows its progress until it ends, and prints the summary.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Sync a connection's contacts now, showing the progress, then the summary.", "",
				"The first sync of a connection imports every contact; later ones import what changed since the "
						+ "last successful sync. If a sync of the connection is going already, this one follows it.",
				"" },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:the sync succeeded (the summary says how many contacts were not imported)",
				"1:the sync failed, or the server refused (reconnect needed, for one)", "2:usage error" })
class SyncRunCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Mixin
	Connection connection = new Connection(SyncCommand.SCOPE);

	@Parameters(paramLabel = "CONNECTION", description = "The connection's id, or its provider's name (sync list)")
	@Nullable String name;

	@Option(names = "--json", description = "Print the finished run as JSON for scripts")
	boolean json;

	@Option(names = "--progress-seconds", hidden = true, defaultValue = "10",
			description = "Seconds between progress lines when standard error is not a terminal")
	long progressSeconds;

	@Option(names = "--poll-millis", hidden = true, defaultValue = "500", description = "How often to ask how far")
	long pollMillis;

	private final boolean terminal;

	/**
	 * @param terminal whether standard error is a terminal, for a progress bar
	 */
	SyncRunCommand(boolean terminal) {
		this.terminal = terminal;
	}

	@Override
	public Integer call() throws InterruptedException {
		JsonNode target = SyncCommand.find(this.connection, Objects.requireNonNull(this.name, "picocli requires it"));
		String id = target.path("id").asString();
		JsonNode run = this.connection.post("/api/v1/integrations/connections/" + id + "/sync-runs?started_by=cli",
				"{}");
		String label = "%s (%s)".formatted(target.path("provider").path("name").asString(),
				target.path("account_label").asString());
		err().printf("Sync run %s started (Ctrl-C leaves it running; ./mailgate sync cancel %s stops it)%n",
				run.path("id").asString(), run.path("id").asString());
		err().flush();
		SyncProgress progress = new SyncProgress(err(), this.terminal, Duration.ofSeconds(this.progressSeconds));
		while (!finished(run)) {
			progress.show(run);
			Thread.sleep(this.pollMillis);
			run = this.connection.get("/api/v1/integrations/sync-runs/" + run.path("id").asString());
		}
		progress.finish(run);
		if (this.json) {
			out().println(Connection.JSON.writeValueAsString(run));
		}
		else {
			SyncProgress.summary(out(), label, run);
		}
		out().flush();
		return "succeeded".equals(run.path("status").asString()) ? 0 : 1;
	}

	private static boolean finished(JsonNode run) {
		String status = run.path("status").asString();
		return !status.equals("queued") && !status.equals("running") && !status.equals("waiting");
	}

	private PrintWriter out() {
		return (this.spec != null) ? this.spec.commandLine().getOut() : new PrintWriter(System.out, true);
	}

	private PrintWriter err() {
		return (this.spec != null) ? this.spec.commandLine().getErr() : new PrintWriter(System.err, true);
	}

}
