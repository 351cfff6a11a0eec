package dev.mailgate.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;

/**
 * Creates the commands, handing those that draw progress whether standard error is a
 * terminal: {@code ./mailgate} says so in {@code MAILGATE_STDERR_TERMINAL} ({@code 1} or
 * {@code 0}); without it, Linux's {@code /proc} tells.
 */
public final class CommandFactory implements CommandLine.IFactory {

	private final boolean terminal;

	/**
	 * @param err where the commands write errors and progress
	 */
	public CommandFactory(PrintStream err) {
		this.terminal = (err == System.err) && stderrIsTerminal();
	}

	@Override
	public <K> K create(Class<K> type) throws Exception {
		if (type == ImportContactsCommand.class) {
			return type.cast(new ImportContactsCommand(this.terminal));
		}
		if (type == SyncRunCommand.class) {
			return type.cast(new SyncRunCommand(this.terminal));
		}
		return CommandLine.defaultFactory().create(type);
	}

	private static boolean stderrIsTerminal() {
		String told = System.getenv("MAILGATE_STDERR_TERMINAL");
		if (told != null && !told.isBlank()) {
			return "1".equals(told.strip());
		}
		Path stderr = Path.of("/proc/self/fd/2");
		if (!Files.isSymbolicLink(stderr)) {
			return false;
		}
		try {
			String device = Files.readSymbolicLink(stderr).toString();
			return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
