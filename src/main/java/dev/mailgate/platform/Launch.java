package dev.mailgate.platform;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The command a user gave {@code ./mailgate}: {@code serve} (the default) starts the
 * server, anything else is answered without starting it.
 *
 * @param command the command word
 * @param arguments what follows it, handed on to Spring Boot when serving
 */
public record Launch(String command, String[] arguments) {

	static final String USAGE = """
			Usage: ./mailgate [COMMAND] [OPTIONS]

			Commands:
			  serve      start Mailgate (the default); options such as --server.port=9443 are passed on
			  apps       register and manage apps and their secrets on a running Mailgate (apps --help)
			  contacts   import contacts from a CSV file, or export them to one (contacts import --help)
			  prepare    only build and prepare the faster start (class data sharing), then exit
			  help       show this help
			  version    print the version

			Configuration is read from MAILGATE_* environment variables; see README.md.
			""";

	private static final List<String> HELP = List.of("help", "--help", "-h");

	private static final List<String> VERSION = List.of("version", "--version", "-V");

	public static Launch of(String... args) {
		if (args.length == 0 || (args[0].startsWith("-") && !HELP.contains(args[0]) && !VERSION.contains(args[0]))) {
			return new Launch("serve", args);
		}
		return new Launch(args[0], Arrays.copyOfRange(args, 1, args.length));
	}

	public boolean serve() {
		return "serve".equals(this.command);
	}

	/**
	 * Answers a command that needs no server.
	 * @return the process exit code: 0 for success, 2 for a command nobody knows
	 */
	public int runWithoutServer(PrintStream out, PrintStream err) {
		if (HELP.contains(this.command)) {
			out.print(USAGE);
			return 0;
		}
		if (VERSION.contains(this.command)) {
			out.println("Mailgate " + version());
			return 0;
		}
		err.println("Unknown command '" + this.command + "'.");
		err.print(USAGE);
		return 2;
	}

	static String version() {
		String version = Launch.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "development build";
	}

}
