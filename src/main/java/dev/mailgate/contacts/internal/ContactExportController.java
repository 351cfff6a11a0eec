package dev.mailgate.contacts.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactQuery;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.Page;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * {@code /contacts/export}: every contact the table's filters match, as CSV, written a
 * page at a time as it is read (an export of a million contacts holds one page in
 * memory).
 */
@Controller
class ContactExportController {

	static final int PAGE_SIZE = 500;

	/**
	 * Lets Excel read the file as UTF-8.
	 */
	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final Contacts contacts;

	private final Clock clock;

	ContactExportController(Contacts contacts, Clock clock) {
		this.contacts = contacts;
		this.clock = clock;
	}

	@GetMapping("/contacts/export")
	void exportContacts(WorkspaceMember marketer, @ModelAttribute ContactFilters filters, HttpServletResponse response)
			throws IOException {
		List<FieldDefinition> fields = this.contacts.fields(marketer.workspace());
		Map<ListId, String> listNames = ContactPagesController.byId(this.contacts.lists(marketer.workspace()));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename("contacts-%s.csv".formatted(LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC)))
					.build()
					.toString());
		Writer writer = response.getWriter();
		writer.write(BYTE_ORDER_MARK);
		try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
			csv.printRecord(header(fields));
			ContactQuery query = filters.query();
			String cursor = null;
			do {
				Page<Contact> page = this.contacts.list(marketer.workspace(), query, cursor, PAGE_SIZE);
				for (Contact contact : page.data()) {
					csv.printRecord(row(contact, fields, listNames));
				}
				cursor = page.nextCursor();
			}
			while (cursor != null);
		}
	}

	static List<String> header(List<FieldDefinition> fields) {
		List<String> header = new ArrayList<>(List.of("email", "first_name", "last_name", "status", "tags", "lists"));
		fields.forEach((field) -> header.add(field.key()));
		header.addAll(List.of("created_at", "updated_at"));
		return header;
	}

	private static List<String> row(Contact contact, List<FieldDefinition> fields, Map<ListId, String> listNames) {
		List<String> cells = new ArrayList<>();
		cells.add(contact.email());
		cells.add(Objects.requireNonNullElse(contact.firstName(), ""));
		cells.add(Objects.requireNonNullElse(contact.lastName(), ""));
		cells.add(contact.status().value());
		cells.add(String.join(", ", contact.tags()));
		cells.add(String.join("; ", contact.lists().stream().map((id) -> listNames.getOrDefault(id, "")).toList()));
		fields.forEach((field) -> cells.add(FieldText.format(contact.fields().get(field.key()))));
		cells.add(contact.createdAt().toString());
		cells.add(contact.updatedAt().toString());
		return cells.stream().map(CsvCells::exported).toList();
	}

}
