package dev.mailgate.campaigns.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.SubscriptionStatus;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A workspace of its own for each test, contacts with addresses no other test uses (the
 * shared GreenMail sees every message of the suite), and ways to wait for a campaign.
 */
abstract class CampaignTestSupport extends IntegrationTestSupport {

	@Autowired
	Accounts accounts;

	@Autowired
	Apps apps;

	@Autowired
	Contacts contacts;

	@Autowired
	CampaignDrafts drafts;

	@Autowired
	CampaignSending sending;

	@Autowired
	JdbcCampaigns campaigns;

	@Autowired
	Deliveries deliveries;

	@Autowired
	Throttle throttle;

	@Autowired
	TrackingLinks links;

	@Autowired
	JdbcClient jdbc;

	OAuthFlows flows;

	WorkspaceId workspace;

	String marketer;

	/** The marketer's signed-in session. */
	org.springframework.mock.web.MockHttpSession session;

	/** Every address of this test ends with it. */
	String domain;

	private double rate;

	@BeforeEach
	void workspaceOfItsOwn() {
		this.flows = new OAuthFlows(this.mvc);
		this.marketer = "marketer-" + UUID.randomUUID() + "@example.com";
		this.session = this.flows.newPerson(this.marketer);
		this.workspace = this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(this.marketer).orElseThrow().id())
			.orElseThrow();
		this.domain = "t" + UUID.randomUUID().toString().substring(0, 8) + ".example";
		this.rate = this.throttle.rate();
	}

	@AfterEach
	void restoreThrottle() {
		this.throttle.rate(this.rate);
	}

	String token(String scope) {
		RegisteredApp app = this.apps.register(this.workspace, ClientMetadata
			.toNewApp(Map.of("client_name", "Acme CRM", "grant_types", List.of("client_credentials"), "scope", scope)),
				false);
		return (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), scope)
			.get("access_token");
	}

	String address(int i) {
		return "r" + i + "@" + this.domain;
	}

	/**
	 * A list of {@code count} subscribed contacts, {@code r0@...} to {@code r<n-1>@...};
	 * even ones have a first name and a company, odd ones neither.
	 */
	ContactList audience(int count) {
		ContactList list = this.contacts.createList(this.workspace, "Readers " + this.domain, "");
		if (this.contacts.fields(this.workspace).stream().noneMatch((field) -> field.key().equals("company"))) {
			this.contacts.defineField(this.workspace, "company", "Company", dev.mailgate.contacts.FieldType.TEXT);
		}
		List<ContactChanges> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			boolean even = i % 2 == 0;
			batch.add(new ContactChanges(address(i), even ? "Reader" + i : null, null, SubscriptionStatus.SUBSCRIBED,
					"test", null, even ? Map.of("company", "Company" + i) : null, List.of(list.id())));
			if (batch.size() == Contacts.MAX_BATCH || i == count - 1) {
				this.contacts.upsertAll(this.workspace, batch);
				batch.clear();
			}
		}
		return list;
	}

	Campaign draft(ContactList list, String html) {
		return this.drafts.create(this.workspace,
				new CampaignContent("Campaign " + this.domain, "News for {{first_name|friend}}", "This week's loaves",
						"Bakery Newsletter", "news@bakery.example", null, html, "", list.id(), null, false),
				this.marketer);
	}

	Campaign reload(CampaignId id) {
		return this.campaigns.find(id).orElseThrow();
	}

	/**
	 * The messages GreenMail received for this test's addresses.
	 */
	List<MimeMessage> inbox() {
		List<MimeMessage> mine = new ArrayList<>();
		for (MimeMessage message : SMTP.getReceivedMessages()) {
			if (to(message).endsWith("@" + this.domain)) {
				mine.add(message);
			}
		}
		return mine;
	}

	static String to(MimeMessage message) {
		try {
			return message.getRecipients(MimeMessage.RecipientType.TO)[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Map<String, Integer> counts(CampaignId id) {
		Map<String, Integer> counts = new java.util.TreeMap<>();
		this.jdbc.sql("select status, count(*) from campaigns_recipients where campaign_id = ? group by status")
			.param(id.value())
			.query((rs) -> {
				counts.put(rs.getString(1), rs.getInt(2));
			});
		return counts;
	}

	static void await(String what, Duration timeout, BooleanSupplier condition) {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Timed out waiting until " + what);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
