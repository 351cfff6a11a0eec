package dev.mailgate.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./mailgate contacts export > contacts.csv}: every contact, or those the filters
 * pick, a page of 1,000 at a time, in columns that {@code contacts import} reads back.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Write contacts as CSV to standard output.", "",
				"Oldest change first, in the columns email, first_name, last_name, status, tags, lists (by name), "
						+ "one for each custom field, then consent_source, consent_at, created_at, updated_at "
						+ "and id. Import reads the file back.",
				"" })
class ExportContactsCommand implements Callable<Integer> {

	private static final List<String> PROPERTIES = List.of("email", "first_name", "last_name", "status");

	private static final List<String> SET_BY_MAILGATE = List.of("consent_source", "consent_at", "created_at",
			"updated_at", "id");

	@Spec
	@Nullable CommandSpec spec;

	@Mixin
	Connection connection = new Connection("contacts.read");

	@Option(names = "--status",
			description = "Only contacts with this status: subscribed, unsubscribed, cleaned or pending")
	@Nullable String status;

	@Option(names = "--tag", description = "Only contacts with this tag")
	@Nullable String tag;

	@Option(names = "--list", description = "Only the contacts on this list (its name or id)")
	@Nullable String list;

	@Option(names = "--updated-since", paramLabel = "TIME",
			description = "Only contacts changed since then, such as 2026-11-28T00:00:00Z")
	@Nullable String updatedSince;

	@Override
	public Integer call() throws IOException {
		ListNames lists = ListNames.of(this.connection);
		List<String> fields = new ArrayList<>(ContactsCommand.fieldTypes(this.connection).keySet());
		String query = query(lists);
		List<String> header = new ArrayList<>(PROPERTIES);
		header.addAll(List.of("tags", "lists"));
		header.addAll(fields);
		header.addAll(SET_BY_MAILGATE);
		PrintWriter out = out();
		CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
		csv.printRecord(header);
		long exported = 0;
		@Nullable String cursor = "";
		do {
			JsonNode page = this.connection.get("/api/v1/contacts?limit=1000" + query + cursor);
			for (JsonNode contact : page.path("data")) {
				csv.printRecord(row(contact, fields, lists));
				exported++;
			}
			JsonNode next = page.path("next_cursor");
			cursor = next.isString() ? "&cursor=" + encode(next.asString()) : null;
		}
		while (cursor != null);
		csv.flush();
		err().println("Exported %,d contact%s.".formatted(exported, (exported == 1) ? "" : "s"));
		err().flush();
		return 0;
	}

	private String query(ListNames lists) {
		StringBuilder query = new StringBuilder();
		if (this.list != null) {
			String id = lists.idOf(this.list).orElseThrow(() -> new BadUsage("No list named " + this.list));
			query.append("&list=").append(encode(id));
		}
		append(query, "status", this.status);
		append(query, "tag", this.tag);
		append(query, "updated_since", this.updatedSince);
		return query.toString();
	}

	private static List<String> row(JsonNode contact, List<String> fields, ListNames lists) {
		List<String> row = new ArrayList<>();
		PROPERTIES.forEach((property) -> row.add(text(contact.path(property))));
		List<String> tags = new ArrayList<>();
		contact.path("tags").forEach((tag) -> tags.add(tag.asString()));
		row.add(String.join(";", tags));
		List<String> names = new ArrayList<>();
		contact.path("lists").forEach((id) -> names.add(lists.nameOf(id.asString())));
		row.add(String.join(";", names));
		fields.forEach((key) -> row.add(text(contact.path("fields").path(key))));
		SET_BY_MAILGATE.forEach((property) -> row.add(text(contact.path(property))));
		return row;
	}

	private static String text(JsonNode value) {
		return (value.isNull() || value.isMissingNode()) ? "" : value.asString();
	}

	private static void append(StringBuilder query, String name, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			query.append('&').append(name).append('=').append(encode(value.strip()));
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private PrintWriter out() {
		return (this.spec != null) ? this.spec.commandLine().getOut() : new PrintWriter(System.out, true);
	}

	private PrintWriter err() {
		return (this.spec != null) ? this.spec.commandLine().getErr() : new PrintWriter(System.err, true);
	}

}
