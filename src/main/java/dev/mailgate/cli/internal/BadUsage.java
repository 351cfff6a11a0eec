package dev.mailgate.cli.internal;

/**
 * The command cannot run as given: a missing file, an option it cannot use, an input it
 * cannot read. The command line ends with exit code 2, like picocli's own usage errors.
 */
public class BadUsage extends RuntimeException {

	BadUsage(String message) {
		super(message);
	}

}
