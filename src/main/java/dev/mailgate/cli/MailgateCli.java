package dev.mailgate.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Set;

import dev.mailgate.cli.internal.AppsCommand;
import dev.mailgate.cli.internal.BadUsage;
import dev.mailgate.cli.internal.CommandFactory;
import dev.mailgate.cli.internal.ContactsCommand;
import dev.mailgate.cli.internal.SyncCommand;
import picocli.CommandLine;

/**
 * The admin commands of {@code ./mailgate} that talk to a running Mailgate over its API.
 */
public final class MailgateCli {

	private static final Set<String> COMMANDS = Set.of("apps", "contacts", "sync");

	private MailgateCli() {
	}

	public static boolean handles(String command) {
		return COMMANDS.contains(command);
	}

	/**
	 * Runs a command line such as {@code apps list --json}.
	 * @return the exit code: 0 done, 1 the server refused or failed (or, for an import,
	 * rejected some lines; for a sync, the run failed), 2 a usage error
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		CommandLine line = new CommandLine(new Root(), new CommandFactory(err));
		line.setOut(new PrintWriter(out, true));
		line.setErr(new PrintWriter(err, true));
		line.setExecutionExceptionHandler((ex, command, parsed) -> {
			command.getErr().println("Error: " + ex.getMessage());
			return (ex instanceof BadUsage) ? 2 : 1;
		});
		return line.execute(args);
	}

	@CommandLine.Command(name = "mailgate", mixinStandardHelpOptions = true,
			subcommands = { AppsCommand.class, ContactsCommand.class, SyncCommand.class },
			description = "Manage a running Mailgate through its API.")
	static final class Root {

	}

}
