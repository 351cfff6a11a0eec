package dev.mailgate.contacts.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.FieldType;
import dev.mailgate.contacts.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

class ContactExportIntegrationTests extends ContactPagesTestSupport {

	@Test
	void exportWritesEveryMatchingContactWithCustomFieldsAndListNames() throws Exception {
		this.contacts.defineField(this.workspace, "company_size", "Company size", FieldType.NUMBER);
		this.contacts.defineField(this.workspace, "vip", "VIP", FieldType.BOOLEAN);
		ContactList news = this.contacts.createList(this.workspace, "Newsletter", "");
		ContactList webinar = this.contacts.createList(this.workspace, "Webinar, March", "");
		Contact ada = this.contacts.create(this.workspace,
				new ContactChanges("ada@example.com", "Ada", "Lovelace", SubscriptionStatus.PENDING, "test",
						List.of("london", "math"), Map.of("company_size", new BigDecimal("42"), "vip", true),
						List.of(news.id(), webinar.id())));
		contact("grace@example.com", "Grace");

		MvcTestResult export = get("/contacts/export");

		assertThat(export).hasStatusOk().hasContentType("text/csv;charset=UTF-8");
		assertThat(export.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
			.matches("attachment; filename=\"contacts-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
		List<String> lines = export.getResponse().getContentAsString().lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0))
			.isEqualTo("\uFEFFemail,first_name,last_name,status,tags,lists,company_size,vip,created_at,updated_at");
		assertThat(lines.get(1)).startsWith("ada@example.com,Ada,Lovelace,pending,\"london, math\",")
			.contains(",42,true," + ada.createdAt() + "," + ada.updatedAt());
		assertThat(lines.get(1)).contains("Newsletter").contains("Webinar, March");
		assertThat(lines.get(2)).startsWith("grace@example.com,Grace,,subscribed,,,,,");
	}

	@Test
	void exportKeepsTheTablesFilters() throws Exception {
		contact("ada@example.com", "Ada", "london");
		contact("grace@example.com", "Grace", "navy");
		contact("alan@example.com", "Alan", "london");

		String csv = get("/contacts/export?tag=london&q=ada").getResponse().getContentAsString();

		assertThat(csv.lines().skip(1).toList()).hasSize(1).allMatch((line) -> line.startsWith("ada@example.com,"));
		assertThat(get("/contacts?tag=london")).bodyText().contains("href=\"/contacts/export?tag=london\"");
	}

	@Test
	void exportWalksEveryPageOfALargeAudience() throws Exception {
		for (int i = 0; i < ContactExportController.PAGE_SIZE + 20; i++) {
			contact("reader-%03d@example.com".formatted(i), "Reader");
		}

		String csv = get("/contacts/export").getResponse().getContentAsString();

		assertThat(csv.lines().count()).isEqualTo(ContactExportController.PAGE_SIZE + 21);
		assertThat(csv).contains("reader-000@example.com", "reader-519@example.com");
	}

	@Test
	void exportedCellsThatLookLikeFormulasAreQuotedAsText() throws Exception {
		this.contacts.defineField(this.workspace, "balance", "Balance", FieldType.NUMBER);
		this.contacts.create(this.workspace,
				new ContactChanges("mallory@example.com", "=HYPERLINK(\"http://evil.test\")", "+1 555", null, "test",
						List.of("@home", "-x"), Map.of("balance", new BigDecimal("-5")), null));

		String row = get("/contacts/export").getResponse().getContentAsString().lines().toList().get(1);

		assertThat(row).startsWith(
				"mallory@example.com,\"'=HYPERLINK(\"\"http://evil.test\"\")\",'+1 555,subscribed,\"'@home, -x\",,-5,");
	}

}
