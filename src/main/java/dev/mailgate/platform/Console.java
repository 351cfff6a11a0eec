package dev.mailgate.platform;

import java.io.PrintStream;

/**
 * The operator's console, for the few messages that must reach a person directly and must
 * never go to the log (such as a generated first password, shown once).
 */
public class Console {

	private final PrintStream out;

	public Console(PrintStream out) {
		this.out = out;
	}

	/**
	 * Prints a framed block of lines, so that it stands out among the log lines.
	 */
	public void announce(String... lines) {
		int width = 0;
		for (String line : lines) {
			width = Math.max(width, line.length());
		}
		String rule = "=".repeat(width + 4);
		StringBuilder block = new StringBuilder(System.lineSeparator()).append(rule).append(System.lineSeparator());
		for (String line : lines) {
			block.append("  ").append(line).append(System.lineSeparator());
		}
		block.append(rule).append(System.lineSeparator());
		this.out.print(block);
		this.out.flush();
	}

}
