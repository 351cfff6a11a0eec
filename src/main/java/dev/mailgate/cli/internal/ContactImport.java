package dev.mailgate.cli.internal;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Sends a CSV file's contacts to {@code POST /api/v1/contacts/batch}, a batch of up to
 * 1,000 (and under the API's 5 MB) at a time, then puts them on their lists with
 * {@code POST /api/v1/lists/{id}/contacts}: lists are added to, never replaced. An email
 * that comes again in the file goes in the next batch, so a later line updates what an
 * earlier one created, wherever the batches happen to split.
 */
final class ContactImport {

	static final int MAX_BATCH = 1000;

	private static final int MAX_BATCH_CHARS = 4_000_000;

	private final Connection connection;

	private final ImportColumns columns;

	private final ListNames lists;

	private final List<CsvContact> batch = new ArrayList<>();

	private final List<String> batchJson = new ArrayList<>();

	private final Set<String> batchEmails = new HashSet<>();

	private int batchChars;

	ContactImport(Connection connection, ImportColumns columns, ListNames lists) {
		this.connection = connection;
		this.columns = columns;
		this.lists = lists;
	}

	/**
	 * Reads the file to its end, or until a line cannot be read or the server refuses a
	 * batch; the summary says which.
	 */
	void run(CsvFile file, ImportSummary summary, ImportProgress progress) {
		try {
			for (CsvFile.Line line = file.next(); line != null && !summary.stopped(); line = file.next()) {
				add(CsvContact.read(line.number(), line.values(), this.columns, this.lists), summary);
				if (this.batch.size() == MAX_BATCH || this.batchChars > MAX_BATCH_CHARS) {
					send(summary);
					progress.show(file.bytesRead(), summary);
				}
			}
		}
		catch (UncheckedIOException ex) {
			summary.stop("line %d and those after it cannot be read: %s".formatted(file.nextLine(), ex.getMessage()));
		}
		send(summary);
		progress.finish(file.bytesRead(), summary);
	}

	private void add(CsvContact contact, ImportSummary summary) {
		if (contact.rejected()) {
			summary.reject(contact.line(), contact.email(), contact.errors());
			return;
		}
		String email = contact.email().toLowerCase(Locale.ROOT);
		if (this.batchEmails.contains(email)) {
			send(summary);
		}
		String json = contact.item().toString();
		this.batch.add(contact);
		this.batchJson.add(json);
		this.batchEmails.add(email);
		this.batchChars += json.length() + 1;
	}

	private void send(ImportSummary summary) {
		if (this.batch.isEmpty()) {
			return;
		}
		String lines = "lines %d to %d".formatted(this.batch.get(0).line(),
				this.batch.get(this.batch.size() - 1).line());
		try {
			Map<String, List<String>> members = apply(this.connection.post("/api/v1/contacts/batch",
					"{\"contacts\": [" + String.join(",", this.batchJson) + "]}"), summary);
			try {
				members.forEach((list, ids) -> this.connection.post("/api/v1/lists/" + list + "/contacts",
						Connection.JSON.writeValueAsString(Map.of("contact_ids", ids))));
			}
			catch (ApiFailed ex) {
				summary.stop(lines + " were imported but not all put on their lists: " + ex.getMessage());
			}
		}
		catch (ApiFailed ex) {
			summary.stop(lines + " and those after them were not imported: " + ex.getMessage());
		}
		this.batch.clear();
		this.batchJson.clear();
		this.batchEmails.clear();
		this.batchChars = 0;
	}

	/**
	 * Counts the batch's outcomes.
	 * @return the ids of the contacts written, by the lists they go on
	 */
	private Map<String, List<String>> apply(JsonNode answer, ImportSummary summary) {
		Map<String, List<String>> members = new LinkedHashMap<>();
		for (JsonNode result : answer.path("data")) {
			CsvContact contact = this.batch.get(result.path("index").asInt());
			if (count(result.path("outcome").asString(), summary)) {
				contact.lists()
					.forEach((list) -> members.computeIfAbsent(list, (id) -> new ArrayList<>())
						.add(result.path("id").asString()));
			}
			else {
				List<String> reasons = new ArrayList<>();
				result.path("errors")
					.forEach((error) -> reasons
						.add(error.path("field").asString() + ": " + error.path("detail").asString()));
				summary.reject(contact.line(), contact.email(), reasons);
			}
		}
		return members;
	}

	/**
	 * @return whether the contact was written
	 */
	private static boolean count(String outcome, ImportSummary summary) {
		if ("created".equals(outcome)) {
			summary.created();
		}
		else if ("updated".equals(outcome)) {
			summary.updated();
		}
		return "created".equals(outcome) || "updated".equals(outcome);
	}

}
