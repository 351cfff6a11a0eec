package dev.mailgate.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./mailgate contacts import FILE.csv}: creates and updates the file's contacts by
 * email, a batch of 1,000 at a time, and says what became of every line.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Create and update contacts from a CSV file, matched by email.", "",
				"The first line names the columns: email (required), first_name or First Name, last_name, status "
						+ "(subscribed, unsubscribed, cleaned, pending), consent_source, tags and lists (several "
						+ "separated by commas or semicolons; lists by name or id), and any custom field's key "
						+ "(numbers, dates as YYYY-MM-DD, booleans as true/false or yes/no). An empty cell leaves "
						+ "the contact's value as it is; tags replace the contact's tags; lists are added to. "
						+ "The columns that export adds and Mailgate sets itself (id, consent_at, created_at, "
						+ "updated_at) are ignored.",
				"" },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:every line was imported", "1:some lines were rejected (the summary says which and why)",
				"2:usage error: no such file, no email column, a bad --map, unknown columns with --strict" })
class ImportContactsCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Mixin
	Connection connection = new Connection("contacts.read contacts.write");

	@Parameters(paramLabel = "FILE.csv", description = "UTF-8; commas, semicolons or tabs")
	@Nullable Path file;

	@Option(names = "--map", paramLabel = "COLUMN=TARGET",
			description = "Fill TARGET from COLUMN instead of guessing: a contact property, a custom field's key, or skip (repeat for several)")
	Map<String, String> mappings = new LinkedHashMap<>();

	@Option(names = "--strict", description = "Refuse a file with columns that fill nothing, instead of skipping them")
	boolean strict;

	@Option(names = "--json", description = "Print the summary as JSON for scripts")
	boolean json;

	@Option(names = "--progress-seconds", hidden = true, defaultValue = "10",
			description = "Seconds between progress lines when standard error is not a terminal")
	long progressSeconds;

	private final boolean terminal;

	/**
	 * @param terminal whether standard error is a terminal, for a progress bar
	 */
	ImportContactsCommand(boolean terminal) {
		this.terminal = terminal;
	}

	@Override
	public Integer call() throws IOException {
		Path path = Objects.requireNonNull(this.file, "picocli requires FILE.csv");
		try (CsvFile csv = CsvFile.open(path)) {
			if (csv.header().isEmpty()) {
				throw new BadUsage(path + " is empty; its first line must name the columns, such as email,first_name");
			}
			ImportColumns columns = ImportColumns.of(csv.header(), ContactsCommand.fieldTypes(this.connection),
					this.mappings);
			ImportSummary summary = new ImportSummary(path.toString(), skipped(columns));
			new ContactImport(this.connection, columns, ListNames.of(this.connection)).run(csv, summary,
					new ImportProgress(err(), this.terminal, csv.size(), Duration.ofSeconds(this.progressSeconds)));
			if (this.json) {
				summary.printJson(out());
			}
			else {
				summary.print(out());
			}
			return summary.exitCode();
		}
	}

	private List<String> skipped(ImportColumns columns) {
		if (!columns.unknown().isEmpty()) {
			if (this.strict) {
				throw new BadUsage(
						"No contact property or custom field for the columns " + String.join(", ", columns.unknown())
								+ "; --map each to a property, a field or skip, or leave out --strict");
			}
			err().println("Skipping the columns " + String.join(", ", columns.unknown())
					+ ": no contact property or custom field has their names (--map COLUMN=TARGET to import one)");
			err().flush();
		}
		return columns.unknown();
	}

	private PrintWriter out() {
		return (this.spec != null) ? this.spec.commandLine().getOut() : new PrintWriter(System.out, true);
	}

	private PrintWriter err() {
		return (this.spec != null) ? this.spec.commandLine().getErr() : new PrintWriter(System.err, true);
	}

}
