package dev.mailgate.contacts.internal;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.FieldType;
import dev.mailgate.contacts.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

class ContactImportIntegrationTests extends ContactPagesTestSupport {

	@Autowired
	JdbcClient jdbc;

	static final String FILE = """
			Email,First Name,Surname,Status,Tags,Company size,Birthday,On trial,Lists
			ada@example.com,Ada,Lovelace,subscribed,"vip, math",42,1815-12-10,yes,Newsletter
			grace@example.com,Grace,Hopper,pending,navy,lots,1906-12-09,no,
			alan@example.com,Alan,Turing,,,7,23/06/1912,1,
			not-an-email,Nobody,,,,,,,

			,Blank,,,,,,,
			ADA@example.com,Ada,Again,,,,,,
			linus@example.com,Linus,,subscribed,,,,maybe,
			edsger@example.com,Edsger,,frozen,,,,,Newsletter
			ken@example.com,Ken,,,new,,,0,Newsletter; Customers
			""";

	@Test
	void uploadShowsEveryColumnWithSampleRowsAndTheGuessedMapping() {
		defineFieldsAndLists();

		MvcTestResult mapping = get(upload("contacts.csv", FILE.getBytes(StandardCharsets.UTF_8)));

		assertThat(mapping).hasStatusOk()
			.bodyText()
			.contains("contacts.csv", "9 contacts", "ada@example.com", "grace@example.com", "Lovelace")
			.contains("<option value=\"email\" selected=\"selected\">Email</option>",
					"<option value=\"last_name\" selected=\"selected\">Last name</option>",
					"<option value=\"field:company_size\" selected=\"selected\">Company size (number)</option>",
					"<option value=\"field:trial\" selected=\"selected\">On trial (yes/no)</option>",
					"<option value=\"lists\" selected=\"selected\">Lists (list names)</option>");
	}

	@Test
	void importConvertsCellsByTypeAndRejectsEachBadRowWithItsLineAndReason() throws Exception {
		Map<String, ContactList> lists = defineFieldsAndLists();
		contact("ken@example.com", "Kenneth", "old");

		String job = start(upload("contacts.csv", FILE.getBytes(StandardCharsets.UTF_8)), "column0", "email", "column1",
				"first_name", "column2", "last_name", "column3", "status", "column4", "tags", "column5",
				"field:company_size", "column6", "field:birthday", "column7", "field:trial", "column8", "lists");
		Map<String, Object> status = finished(job);

		assertThat(status).containsEntry("state", "done")
			.containsEntry("percent", 100)
			.containsEntry("total", 9)
			.containsEntry("processed", 9)
			.containsEntry("created", 1)
			.containsEntry("updated", 1)
			.containsEntry("rejected", 7);
		String rejected = get("/contacts/import/jobs/" + job + "/rejected.csv").getResponse().getContentAsString();
		assertThat(rejected.lines()).containsExactly("line,email,reason",
				"3,grace@example.com,Company size: 'lots' is not a number (write it like 42 or 3.5)",
				"4,alan@example.com,\"Birthday: '23/06/1912' is not a date (write it as YYYY-MM-DD, such as 2026-11-28)\"",
				"5,not-an-email,Email: 'not-an-email' is not an email address",
				"7,,Email: empty; every contact needs an email address",
				"8,ADA@example.com,the same email is on line 2 already",
				"9,linus@example.com,\"On trial: 'maybe' is not true or false (write true, false, yes, no, 1 or 0)\"",
				"10,edsger@example.com,\"Status: 'frozen' is not a status (write subscribed, unsubscribed, cleaned or pending)\"");

		Contact ada = this.contacts.findByEmail(this.workspace, "ada@example.com").orElseThrow();
		assertThat(ada.lastName()).isEqualTo("Lovelace");
		assertThat(ada.tags()).containsExactly("vip", "math");
		assertThat(ada.fields()).containsEntry("company_size", new BigDecimal("42"))
			.containsEntry("birthday", LocalDate.of(1815, 12, 10))
			.containsEntry("trial", true);
		assertThat(ada.lists()).containsExactly(lists.get("Newsletter").id());
		assertThat(ada.consentSource()).isEqualTo("import:" + this.email);
		Contact ken = this.contacts.findByEmail(this.workspace, "ken@example.com").orElseThrow();
		assertThat(ken.firstName()).isEqualTo("Ken");
		assertThat(ken.tags()).as("the file's tags are added").containsExactly("old", "new");
		assertThat(ken.fields()).containsEntry("trial", false);
		assertThat(ken.lists()).containsExactlyInAnyOrder(lists.get("Newsletter").id(), lists.get("Customers").id());
		assertThat(this.contacts.findByEmail(this.workspace, "grace@example.com")).isEmpty();

		assertThat(get("/contacts/import/jobs/" + job)).bodyText()
			.contains("Import of contacts.csv finished", "Rows that were not imported", "data-line=\"3\"",
					"the same email is on line 2 already", "rejected.csv");
	}

	@Test
	void semicolonFileInWindowsEncodingJoinsTheListsItNames() {
		Map<String, ContactList> lists = defineFieldsAndLists();
		byte[] file = "E-mail;Prénom;Newsletter\nzoe@example.com;Zoé;x\nyves@example.com;Yves;\n"
			.getBytes(Charset.forName("windows-1252"));

		String job = start(upload("export.csv", file), "column0", "email", "column1", "first_name", "column2",
				"list:" + lists.get("Newsletter").id(), "addTo", lists.get("Customers").id().toString());
		assertThat(finished(job)).containsEntry("created", 2).containsEntry("rejected", 0);

		Contact zoe = this.contacts.findByEmail(this.workspace, "zoe@example.com").orElseThrow();
		assertThat(zoe.firstName()).isEqualTo("Zoé");
		assertThat(zoe.lists()).containsExactlyInAnyOrder(lists.get("Newsletter").id(), lists.get("Customers").id());
		assertThat(this.contacts.findByEmail(this.workspace, "yves@example.com").orElseThrow().lists())
			.containsExactly(lists.get("Customers").id());
	}

	/**
	 * Crash safety (docs/crash-safety.md): the file's lists go into the same write as the
	 * rest of the contact, added to the lists it is on, so a crash never leaves a contact
	 * imported without its lists; the lists it was on keep when it joined them.
	 */
	@Test
	void importAddsTheFilesListsToTheContactsOwnInTheWriteOfTheContact() {
		Map<String, ContactList> lists = defineFieldsAndLists();
		Contact bea = this.contacts.create(this.workspace, new ContactChanges("bea@example.com", "Bea", null, null,
				"test", null, null, List.of(lists.get("Customers").id())));
		Object joined = customersJoinedAt(bea);

		String job = start(upload("more.csv", "email,lists\nbea@example.com,Newsletter\ncy@example.com,Newsletter\n"
			.getBytes(StandardCharsets.UTF_8)), "column0", "email", "column1", "lists");
		assertThat(finished(job)).containsEntry("state", "done")
			.containsEntry("created", 1)
			.containsEntry("updated", 1);

		Contact imported = this.contacts.findByEmail(this.workspace, "bea@example.com").orElseThrow();
		assertThat(imported.lists()).containsExactly(lists.get("Customers").id(), lists.get("Newsletter").id());
		assertThat(imported.version()).as("one write: the contact and its lists together").isEqualTo(2);
		assertThat(customersJoinedAt(bea)).isEqualTo(joined);
		assertThat(this.contacts.findByEmail(this.workspace, "cy@example.com").orElseThrow().lists())
			.containsExactly(lists.get("Newsletter").id());
	}

	private Object customersJoinedAt(Contact contact) {
		return this.jdbc.sql("select min(added_at) from contacts_list_members where contact_id = ?")
			.param(contact.id().value())
			.query()
			.singleValue();
	}

	@Test
	void anExportImportsBackUnchanged() throws Exception {
		Map<String, ContactList> lists = defineFieldsAndLists();
		ContactList webinar = this.contacts.createList(this.workspace, "Webinar, March", "");
		Contact ada = this.contacts.create(this.workspace,
				new ContactChanges("ada@example.com", "=Ada", "-Lovelace", SubscriptionStatus.PENDING, "test",
						List.of("@vip", "london"), Map.of("company_size", new BigDecimal("-5.5"), "birthday",
								LocalDate.of(1815, 12, 10), "trial", false),
						List.of(lists.get("Newsletter").id(), webinar.id())));
		contact("grace@example.com", "Grace");
		byte[] export = get("/contacts/export").getResponse().getContentAsByteArray();
		this.contacts.delete(this.workspace, ada.id(), null);

		String mapping = upload("contacts.csv", export);
		assertThat(get(mapping)).bodyText()
			.contains("<option value=\"lists\" selected=\"selected\">",
					"<option value=\"skip\" selected=\"selected\">");
		Map<String, Object> status = finished(start(mapping, "column0", "email", "column1", "first_name", "column2",
				"last_name", "column3", "status", "column4", "tags", "column5", "lists", "column6",
				"field:company_size", "column7", "field:birthday", "column8", "field:trial"));

		assertThat(status).containsEntry("created", 1).containsEntry("updated", 1).containsEntry("rejected", 0);
		Contact again = this.contacts.findByEmail(this.workspace, "ada@example.com").orElseThrow();
		assertThat(again.firstName()).isEqualTo("=Ada");
		assertThat(again.lastName()).isEqualTo("-Lovelace");
		assertThat(again.status()).isEqualTo(SubscriptionStatus.PENDING);
		assertThat(again.tags()).containsExactly("@vip", "london");
		assertThat(again.fields()).isEqualTo(ada.fields());
		assertThat(again.lists()).containsExactlyInAnyOrderElementsOf(ada.lists());
	}

	@Test
	void fileThatIsNoCsvGetsAFriendlyPageNotAnError() {
		assertThat(uploadResult("empty.csv", new byte[0])).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("The file is empty.");
		assertThat(uploadResult("contacts.xlsx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("This looks like a spreadsheet workbook, not a CSV file.");
		assertThat(uploadResult("header.csv", "email,first_name\n".getBytes(StandardCharsets.UTF_8)))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("The file has a header row but no contacts under it.");
		assertThat(uploadResult("broken.csv", "email,name\n\"ada@example.com,Ada\n".getBytes(StandardCharsets.UTF_8)))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("could not be read: a quoted value is not closed");
		assertThat(uploadResult("image.png", new byte[] { (byte) 0x89, 0x50, 0x4E, 0x47, 0x00, 0x0A }))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("This is not a CSV file");
		assertThat(this.mvc.post().uri("/contacts/import").session(this.session).with(csrf()))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Choose a CSV file to upload first.");
	}

	@Test
	void mappingWithoutEmailColumnIsRefusedAndNothingImported() {
		String mapping = upload("contacts.csv", "email,name\nada@example.com,Ada\n".getBytes(StandardCharsets.UTF_8));

		assertThat(post(mapping, "column0", "skip", "column1", "first_name")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Choose the column that holds the email addresses");
		assertThat(post(mapping, "column0", "email", "column1", "email")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Two columns go to the same place");
		assertThat(this.contacts.findByEmail(this.workspace, "ada@example.com")).isEmpty();
	}

	@Test
	void anotherWorkspacesUploadsAndImportsAreNotFound() {
		String mapping = upload("contacts.csv", "email\nada@example.com\n".getBytes(StandardCharsets.UTF_8));
		String job = start(mapping, "column0", "email");
		finished(job);
		MockHttpSession stranger = this.flows.newPerson(uniqueEmail());

		assertThat(this.mvc.get().uri(mapping).session(stranger)).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/contacts/import");
		assertThat(this.mvc.get().uri("/contacts/import/jobs/" + job).session(stranger))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/contacts/import/jobs/" + job + "/status").session(stranger))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(get("/contacts/import")).bodyText().contains("Recent imports", "contacts.csv");
	}

	private Map<String, ContactList> defineFieldsAndLists() {
		this.contacts.defineField(this.workspace, "company_size", "Company size", FieldType.NUMBER);
		this.contacts.defineField(this.workspace, "birthday", "Birthday", FieldType.DATE);
		this.contacts.defineField(this.workspace, "trial", "On trial", FieldType.BOOLEAN);
		return Map.of("Newsletter", this.contacts.createList(this.workspace, "Newsletter", ""), "Customers",
				this.contacts.createList(this.workspace, "Customers", ""));
	}

	/**
	 * Uploads the file and answers the mapping page's path.
	 */
	private String upload(String name, byte[] content) {
		MvcTestResult result = uploadResult(name, content);
		assertThat(result).hasStatus(HttpStatus.FOUND);
		return result.getResponse().getRedirectedUrl();
	}

	private MvcTestResult uploadResult(String name, byte[] content) {
		return this.mvc.post()
			.uri("/contacts/import")
			.multipart()
			.file(new MockMultipartFile("file", name, "text/csv", content))
			.session(this.session)
			.with(csrf())
			.exchange();
	}

	/**
	 * Posts the mapping and answers the import's id.
	 */
	private String start(String mapping, String... params) {
		MvcTestResult started = post(mapping, params);
		assertThat(started).hasStatus(HttpStatus.FOUND);
		return started.getResponse().getRedirectedUrl().substring("/contacts/import/jobs/".length());
	}

}
