package dev.mailgate.cli.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportProgressTests {

	private final StringWriter err = new StringWriter();

	private final ImportSummary summary = new ImportSummary("contacts.csv", List.of());

	@Test
	void terminalGetsOneBarRedrawnInPlaceAndEndedByANewLine() {
		ImportProgress progress = new ImportProgress(new PrintWriter(this.err), true, 2_000_000, Duration.ZERO);
		this.summary.created();
		this.summary.reject(3, "not-an-email", List.of("email: not an email address"));

		progress.show(1_000_000, this.summary);
		this.summary.updated();
		progress.finish(2_000_000, this.summary);

		String[] lines = this.err.toString().split(System.lineSeparator(), -1);
		assertThat(lines).hasSize(2);
		assertThat(lines[0]).startsWith("\r[############------------]  50%  1.0 MB of 2.0 MB")
			.contains("contacts/s  1 created, 0 updated, 1 rejected\r[########################] 100%  2.0 MB of 2.0 MB")
			.contains("1 created, 1 updated, 1 rejected");
		assertThat(lines[1]).isEmpty();
	}

	@Test
	void withoutATerminalNoLineComesBeforeTheIntervalPasses() {
		ImportProgress progress = new ImportProgress(new PrintWriter(this.err), false, 2_000_000, Duration.ofHours(1));
		this.summary.created();

		progress.show(1_000_000, this.summary);
		progress.finish(2_000_000, this.summary);

		assertThat(this.err.toString()).isEmpty();
	}

}
