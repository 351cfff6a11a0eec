package dev.mailgate.contacts.internal;

import java.util.List;

import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.FieldType;
import dev.mailgate.contacts.SubscriptionStatus;
import dev.mailgate.platform.ErrorDetail;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

class ContactPagesIntegrationTests extends ContactPagesTestSupport {

	@Test
	void newWorkspaceSeesWhatToDoFirst() {
		assertThat(get("/contacts")).hasStatusOk()
			.bodyText()
			.contains("No contacts yet", "Import a CSV file", "Add a contact", ">Contacts</a>", ">Lists</a>");
	}

	@Test
	void tableFiltersBySearchStatusTagAndListAndCountsTheMatches() {
		ContactList vips = this.contacts.createList(this.workspace, "VIPs", "");
		Contact ada = contact("ada@example.com", "Ada", "london", "math");
		contact("grace@example.com", "Grace", "navy");
		contact("alan@example.com", "Alan", "london");
		this.contacts.update(this.workspace, ada.id(), new ContactChanges(null, null, null, SubscriptionStatus.PENDING,
				"test", null, null, List.of(vips.id())), null);

		assertThat(get("/contacts")).bodyText()
			.contains("3 contacts in your audience", "ada@example.com", "grace@example.com", "alan@example.com",
					"Pending", "VIPs");
		assertThat(get("/contacts?tag=LONDON")).bodyText()
			.contains("<strong>2</strong>", "match these filters", "ada@example.com", "alan@example.com")
			.doesNotContain("grace@example.com");
		assertThat(get("/contacts?q=gRAce")).bodyText().contains("grace@example.com").doesNotContain("alan@example");
		assertThat(get("/contacts?status=pending")).bodyText().contains("ada@example.com").doesNotContain("alan@");
		assertThat(get("/contacts?list=" + vips.id())).bodyText()
			.contains("ada@example.com", " on VIPs", "/contacts/export?list=" + vips.id())
			.doesNotContain("grace@example.com");
		assertThat(get("/contacts?q=nobody")).bodyText().contains("No contacts match", "Show all contacts");
	}

	@Test
	void tablePagesWithNextAndFirstPage() throws Exception {
		for (int i = 0; i < ContactTableController.PAGE_SIZE + 5; i++) {
			contact("reader-%02d@example.com".formatted(i), "Reader");
		}
		String first = get("/contacts").getResponse().getContentAsString();
		// newest first, as people look at them
		assertThat(first).contains("reader-54@example.com", "Next").doesNotContain("reader-00@example.com");
		String next = first.replaceAll("(?s).*href=\"(/contacts\\?cursor=[^\"]+)\" data-test=\"next-page\".*", "$1")
			.replace("&amp;", "&");

		assertThat(get(next)).bodyText()
			.contains("reader-00@example.com", "First page")
			.doesNotContain("reader-54@example.com");
		assertThat(get("/contacts?cursor=not-a-cursor")).hasStatusOk().bodyText().contains("reader-54@example.com");
	}

	@Test
	void addingAContactShowsEachProblemNextToItsField() {
		this.contacts.defineField(this.workspace, "company_size", "Company size", FieldType.NUMBER);

		assertThat(post("/contacts/new", "email", "not-an-email", "field.company_size", "lots", "status", "subscribed"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("data-error=\"email\"><span>&#39;not-an-email&#39; is not an email address",
					"data-error=\"fields.company_size\">&#39;lots&#39; is not a number");
		assertThat(this.contacts.count(this.workspace, dev.mailgate.contacts.ContactQuery.all())).isZero();
	}

	@Test
	void addingAContactSavesEveryValueAndRecordsThePageAsConsentSource() {
		this.contacts.defineField(this.workspace, "birthday", "Birthday", FieldType.DATE);
		this.contacts.defineField(this.workspace, "trial", "On trial", FieldType.BOOLEAN);
		ContactList news = this.contacts.createList(this.workspace, "Newsletter", "");

		MvcTestResult created = post("/contacts/new", "email", " Ada@Example.com ", "firstName", "Ada", "lastName",
				"Lovelace", "status", "pending", "tags", "vip, london,", "field.birthday", "1815-12-10", "field.trial",
				"true", "lists", news.id().toString());

		Contact ada = this.contacts.findByEmail(this.workspace, "ada@example.com").orElseThrow();
		assertThat(created).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/contacts/" + ada.id());
		assertThat(ada.tags()).containsExactly("vip", "london");
		assertThat(ada.fields()).containsEntry("birthday", java.time.LocalDate.of(1815, 12, 10))
			.containsEntry("trial", true);
		assertThat(ada.lists()).containsExactly(news.id());
		assertThat(ada.consentSource()).isEqualTo("page:" + this.email);
		assertThat(get("/contacts/" + ada.id())).bodyText()
			.contains("ada@example.com", "value=\"1815-12-10\"", "value=\"vip, london\"", "Pending");
	}

	@Test
	void addingAContactWhoseEmailExistsLinksToThatContact() {
		Contact ada = contact("ada@example.com", "Ada");

		assertThat(post("/contacts/new", "email", "ADA@example.com", "status", "subscribed"))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("A contact with this email exists.", "/contacts/" + ada.id());
	}

	@Test
	void staleSaveSaysSomeoneChangedTheContactAndShowsTheCurrentValues() {
		Contact ada = contact("ada@example.com", "Ada");
		this.contacts.update(this.workspace, ada.id(),
				new ContactChanges(null, "Augusta", null, null, null, null, null, null), null);

		assertThat(post("/contacts/" + ada.id(), "version", String.valueOf(ada.version()), "email", "ada@example.com",
				"firstName", "Countess", "status", "subscribed"))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("Someone changed this contact while you were editing it", "Countess", "value=\"Augusta\"",
					"name=\"version\" value=\"" + (ada.version() + 1) + "\"");
		assertThat(this.contacts.find(this.workspace, ada.id()).orElseThrow().firstName()).isEqualTo("Augusta");
	}

	@Test
	void savingAtTheCurrentVersionChangesTheContact() {
		Contact ada = contact("ada@example.com", "Ada", "vip");

		assertThat(post("/contacts/" + ada.id(), "version", String.valueOf(ada.version()), "email", "ada@example.com",
				"firstName", "Ada", "lastName", "King", "status", "unsubscribed", "tags", ""))
			.hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/contacts/" + ada.id());
		Contact saved = this.contacts.find(this.workspace, ada.id()).orElseThrow();
		assertThat(saved.lastName()).isEqualTo("King");
		assertThat(saved.status()).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
		assertThat(saved.tags()).isEmpty();
		assertThat(saved.consentSource()).isEqualTo("page:" + this.email);
	}

	@Test
	void anotherWorkspacesContactIsNotFound() {
		Contact ada = contact("ada@example.com", "Ada");
		MockHttpSession stranger = this.flows.newPerson(uniqueEmail());

		MvcTestResult shown = this.mvc.get().uri("/contacts/" + ada.id()).session(stranger).exchange();
		assertThat(shown).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(shown.getRequest().getAttribute(ErrorDetail.ATTRIBUTE)).isEqualTo(
				"This contact does not exist in this workspace. It may have been deleted, or the link is mistyped.");
		assertThat(this.mvc.post()
			.uri("/contacts/" + ada.id() + "/delete")
			.session(stranger)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(get("/contacts/not-an-id")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.contacts.find(this.workspace, ada.id())).isPresent();
	}

	@Test
	void deletingAContactAsksFirst() {
		Contact ada = contact("ada@example.com", "Ada");

		assertThat(get("/contacts/" + ada.id() + "/delete")).hasStatusOk()
			.bodyText()
			.contains("Delete ada@example.com?", "This cannot be undone", "Cancel", "name=\"_csrf\"");
		assertThat(post("/contacts/" + ada.id() + "/delete")).hasRedirectedUrl("/contacts");
		assertThat(this.contacts.find(this.workspace, ada.id())).isEmpty();
		assertThat(get("/contacts")).bodyText().contains("ada@example.com is deleted.");
	}

	@Test
	void contactPagesNeedSignIn() {
		assertThat(this.mvc.get().uri("/contacts")).hasStatus(HttpStatus.FOUND).redirectedUrl().endsWith("/login");
		assertThat(this.mvc.get().uri("/contacts/export")).hasStatus(HttpStatus.FOUND);
	}

	@Test
	void formPostsWithoutCsrfTokenAreForbidden() {
		assertThat(this.mvc.post().uri("/contacts/new").session(this.session).param("email", "ada@example.com"))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.contacts.findByEmail(this.workspace, "ada@example.com")).isEmpty();
	}

}
