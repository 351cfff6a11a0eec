package dev.mailgate.contacts.internal;

import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.FieldType;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ListAndFieldPagesIntegrationTests extends ContactPagesTestSupport {

	@Test
	void listsAreCreatedRenamedAndDeletedWithTheirContactsKept() {
		assertThat(get("/lists")).bodyText().contains("No lists yet", "Create a list");

		assertThat(post("/lists", "name", "Newsletter", "description", "Monthly news")).hasRedirectedUrl("/lists");
		ContactList list = this.contacts.lists(this.workspace).get(0);
		var ada = contact("ada@example.com", "Ada");
		this.contacts.addToList(this.workspace, list.id(), java.util.List.of(ada.id()));
		assertThat(get("/lists")).bodyText()
			.contains("The list Newsletter is ready.", "Monthly news", "/contacts?list=" + list.id(), ">1</td>");
		assertThat(post("/lists", "name", "Newsletter")).hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("There is a list named Newsletter already");
		assertThat(post("/lists", "name", " ")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("A list&#39;s name has 1 to 200 characters");

		assertThat(get("/lists/" + list.id())).bodyText().contains("Rename Newsletter", "1 contacts on this list");
		assertThat(post("/lists/" + list.id(), "name", "Weekly news", "description", "")).hasRedirectedUrl("/lists");
		assertThat(this.contacts.findList(this.workspace, list.id()).orElseThrow().name()).isEqualTo("Weekly news");

		assertThat(get("/lists/" + list.id() + "/delete")).bodyText()
			.contains("Delete the list Weekly news?", "Its 1 contacts stay");
		assertThat(post("/lists/" + list.id() + "/delete")).hasRedirectedUrl("/lists");
		assertThat(this.contacts.lists(this.workspace)).isEmpty();
		assertThat(this.contacts.find(this.workspace, ada.id())).isPresent();
	}

	@Test
	void anotherWorkspacesListIsNotFound() {
		ContactList list = this.contacts.createList(this.workspace, "Newsletter", "");
		this.session = this.flows.newPerson(uniqueEmail());

		assertThat(get("/lists/" + list.id())).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(post("/lists/" + list.id() + "/delete")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(get("/contacts?list=" + list.id())).hasStatusOk().bodyText().doesNotContain("Newsletter");
	}

	@Test
	void fieldsAreDefinedWithTheirKeyCheckedAndDeletedAfterConfirmation() {
		assertThat(get("/contacts/fields")).bodyText().contains("No custom fields yet");

		assertThat(post("/contacts/fields", "label", "Company size", "key", "Company Size", "type", "number"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("1 to 64 lower case letters, digits and underscores");
		assertThat(post("/contacts/fields", "label", "Company size", "key", "company_size", "type", "number"))
			.hasRedirectedUrl("/contacts/fields");
		assertThat(this.contacts.fields(this.workspace)).singleElement()
			.satisfies((field) -> assertThat(field.type()).isEqualTo(FieldType.NUMBER));
		assertThat(post("/contacts/fields", "label", "Size", "key", "company_size", "type", "text"))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("There is a field with the key company_size already.");
		assertThat(get("/contacts/fields")).bodyText().contains("Company size", "company_size", "number");

		assertThat(get("/contacts/fields/company_size/delete")).bodyText()
			.contains("Delete the field Company size?", "Every contact&#39;s Company size value is deleted");
		assertThat(post("/contacts/fields/company_size/delete")).hasRedirectedUrl("/contacts/fields");
		assertThat(this.contacts.fields(this.workspace)).isEmpty();
		assertThat(get("/contacts/fields/company_size/delete")).hasStatus(HttpStatus.NOT_FOUND);
	}

}
