package dev.mailgate.contacts.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer signs up, defines a custom field and a list, imports a CSV file of 2,500
 * people through the mapping step while the progress bar fills, reads the summary of the
 * rows that were rejected, filters the table, edits a contact (once too late, after
 * someone else saved it) and exports.
 */
@RequiresChromium
class ContactPagesBrowserTests extends IntegrationTestSupport {

	static final int ROWS = 2_500;

	@Autowired
	Contacts contacts;

	@Autowired
	Accounts accounts;

	private final String marketer = uniqueEmail();

	private Browser browser;

	@TempDir
	Path files;

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

	@AfterEach
	void closeBrowser() {
		this.browser.close();
	}

	@Test
	void importMapFilterEditAndExport() throws IOException {
		this.browser.open("/signup")
			.fill("displayName", "Mia Marketer")
			.fill("email", this.marketer)
			.fill("password", OAuthFlows.PASSWORD)
			.fill("workspaceName", "Bakery Newsletter")
			.click("button[type=submit]");
		this.browser.waitForText("Hello, Mia Marketer");
		this.browser.click(".topnav a[href='/contacts']");
		assertThat(this.browser.waitForText("No contacts yet")).contains("Import a CSV file");
		this.browser.screenshot("contacts-empty");

		this.browser.open("/contacts/fields").fill("label", "Loaves a week").select("type", "number");
		assertThat(this.browser.value("#key")).as("the key follows the label").isEqualTo("loaves_a_week");
		this.browser.click("[data-test=define-field]");
		this.browser.waitForText("Contacts now have the field Loaves a week.");
		this.browser.open("/lists").fill("name", "Regulars").click("[data-test=create-list]");
		this.browser.waitForText("The list Regulars is ready.");

		this.browser.open("/contacts/import").attach("file", tooLarge()).click("[data-test=upload]");
		assertThat(this.browser.waitForText("Split it into smaller files")).contains("This file is 20.1 MB");
		this.browser.open("/contacts/import").attach("file", customers());
		this.browser.screenshot("contacts-import-upload");
		this.browser.click("[data-test=upload]");
		assertThat(this.browser.waitForText("What does each column hold?")).contains("customers.csv", "2,500 contacts",
				"baker-0000@example.com");
		assertThat(this.browser.selected("column0")).isEqualTo("email");
		assertThat(this.browser.selected("column1")).isEqualTo("first_name");
		assertThat(this.browser.selected("column2")).isEqualTo("field:loaves_a_week");
		assertThat(this.browser.selected("column3")).as("no guess for Segment").isEqualTo("skip");
		this.browser.select("column3", "tags").select("addTo", this.browser.value("#addTo option:nth-child(2)"));
		this.browser.screenshot("contacts-import-mapping");
		this.browser.click("[data-test=start-import]");

		this.browser.waitForText("customers.csv");
		this.browser.waitForProperty("progress[data-import-bar]", "value", "100", Duration.ofSeconds(60));
		String summary = this.browser.waitForText("Rows that were not imported");
		this.browser.screenshot("contacts-import-summary");
		assertThat(summary).contains("Import of customers.csv finished", "100 %", "2,497\ncreated", "0\nupdated",
				"3\nrejected", "'many' is not a number", "'not-an-email' is not an email address",
				"the same email is on line 2 already");
		assertThat(this.browser.fetch("/contacts/import/jobs/" + jobId() + "/rejected.csv").lines()).containsExactly(
				"line,email,reason",
				"101,baker-0099@example.com,Loaves a week: 'many' is not a number (write it like 42 or 3.5)",
				"202,not-an-email,Email: 'not-an-email' is not an email address",
				"2501,baker-0000@example.com,the same email is on line 2 already");

		this.browser.click("[data-test=summary] a.primary");
		assertThat(this.browser.waitForText("contacts in your audience")).contains("2,497 contacts");
		this.browser.fill("tag", "wholesale").click("[data-test=filter]");
		assertThat(this.browser.waitForText("match these filters")).contains("249 contacts match these filters");
		this.browser.fill("q", "baker-0010@").click("[data-test=filter]");
		this.browser.waitForText("1 contact matches these filters");
		this.browser.screenshot("contacts-table-filtered");

		this.browser.click("tr[data-email='baker-0010@example.com'] a");
		this.browser.waitForText("Subscription status");
		this.browser.fill("firstName", "Marguerite").fill("field.loaves_a_week", "12");
		this.browser.screenshot("contacts-edit");
		this.browser.click("[data-test=save]");
		assertThat(this.browser.waitForText("Changes saved.")).contains("Regulars");

		this.browser.fill("lastName", "Dupont");
		someoneElseRenames("baker-0010@example.com", "Maggie");
		this.browser.click("[data-test=save]");
		assertThat(this.browser.waitForText("Someone changed this contact while you were editing it"))
			.contains("Dupont", "(empty)");
		assertThat(this.browser.value("#firstName")).isEqualTo("Maggie");
		this.browser.screenshot("contacts-stale-save");
		this.browser.fill("lastName", "Dupont").click("[data-test=save]");
		this.browser.waitForText("Changes saved.");

		String export = this.browser.fetch("/contacts/export?q=baker-0010%40");
		assertThat(export.lines().toList()).hasSize(2);
		assertThat(export).contains("email,first_name,last_name,status,tags,lists,loaves_a_week,created_at,updated_at",
				"baker-0010@example.com,Maggie,Dupont,subscribed,wholesale,Regulars,12,");
		assertThat(this.browser.consoleErrors()).as("no CSP violation or script error; the stale save answers 409")
			.allMatch((error) -> error.endsWith("the server responded with a status of 409 ()"));
	}

	/**
	 * 2,500 bakers; every tenth one buys wholesale. Three rows are bad: line 101 has a
	 * word for a number, line 202 no email address, and the last repeats the first.
	 */
	private Path customers() throws IOException {
		StringBuilder csv = new StringBuilder("Email,First name,Loaves a week,Segment\n");
		for (int i = 0; i < ROWS - 1; i++) {
			String email = (i == 200) ? "not-an-email" : "baker-%04d@example.com".formatted(i);
			String loaves = (i == 99) ? "many" : String.valueOf(i % 30);
			csv.append(email).append(",Baker ").append(i).append(',').append(loaves).append(',');
			csv.append((i % 10 == 0) ? "wholesale" : "retail").append('\n');
		}
		csv.append("baker-0000@example.com,Baker again,1,retail\n");
		Path file = this.files.resolve("customers.csv");
		Files.writeString(file, csv);
		return file;
	}

	private void someoneElseRenames(String email, String firstName) {
		WorkspaceId workspace = this.accounts
			.defaultWorkspaceOf(this.accounts.personByEmail(this.marketer).orElseThrow().id())
			.orElseThrow();
		Contact contact = this.contacts.findByEmail(workspace, email).orElseThrow();
		this.contacts.update(workspace, contact.id(),
				new ContactChanges(null, firstName, null, null, null, null, null, null), null);
	}

	private Path tooLarge() throws IOException {
		Path file = this.files.resolve("everyone.csv");
		Files.write(file, new byte[20 * 1024 * 1024 + 100_000]);
		return file;
	}

	private String jobId() {
		String path = this.browser.path();
		return path.substring(path.lastIndexOf('/') + 1);
	}

}
