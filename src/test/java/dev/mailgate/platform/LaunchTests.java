package dev.mailgate.platform;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void servesWhenGivenNoCommand() {
		assertThat(Launch.of().serve()).isTrue();
	}

	@Test
	void servesAndPassesSpringOptionsOn() {
		Launch launch = Launch.of("serve", "--server.port=9443");

		assertThat(launch.serve()).isTrue();
		assertThat(launch.arguments()).containsExactly("--server.port=9443");
		assertThat(Launch.of("--server.port=9443").arguments()).containsExactly("--server.port=9443");
	}

	@Test
	void printsHelpWithoutStartingTheServer() {
		Launch launch = Launch.of("--help");

		assertThat(launch.serve()).isFalse();
		assertThat(run(launch)).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("Usage: ./mailgate", "serve", "apps",
				"contacts");
	}

	@Test
	void rejectsAnUnknownCommandWithExitCode2() {
		assertThat(run(Launch.of("frobnicate"))).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'frobnicate'");
	}

	private int run(Launch launch) {
		return launch.runWithoutServer(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
