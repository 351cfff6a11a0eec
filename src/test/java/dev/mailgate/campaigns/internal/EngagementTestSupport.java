package dev.mailgate.campaigns.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.HttpsClient;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;

/**
 * Each test gets a workspace of its own (a marketer who signed up) and campaigns and
 * recipients in it.
 *
 * <p>
 * FIXTURES: campaigns and recipients are plain SQL inserts in V15's shape until the
 * campaigns branch (campaign writes and the send job) is merged; contacts go through the
 * contacts module's API.
 */
abstract class EngagementTestSupport extends IntegrationTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Contacts contacts;

	@Autowired
	Accounts accounts;

	@Autowired
	Apps apps;

	@Autowired
	TrackingLinks links;

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	OAuthFlows flows;

	String marketer;

	MockHttpSession session;

	WorkspaceId workspace;

	@BeforeEach
	void marketerWithAWorkspace() {
		this.flows = new OAuthFlows(this.mvc);
		this.marketer = "marketer-" + UUID.randomUUID() + "@example.com";
		this.session = this.flows.newPerson(this.marketer);
		this.workspace = this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(this.marketer).orElseThrow().id())
			.orElseThrow();
	}

	Contact contact(String email, String firstName) {
		return this.contacts.create(this.workspace,
				new ContactChanges(email, firstName, null, null, "test", List.of(), null, null));
	}

	/**
	 * FIXTURE: a campaign row as the campaigns module writes it.
	 */
	CampaignId campaign(WorkspaceId workspace, String status, boolean archivePublic, String subject, String html,
			String text) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		CampaignId id = CampaignId.next(now);
		this.jdbc
			.sql("""
					insert into campaigns_campaigns (id, workspace_id, name, subject, preheader, from_name, from_email,
					    html_body, text_body, status, sent_at, archive_public, archive_slug, recipients, created_at, updated_at)
					values (?, ?, ?, ?, '', 'Acme Bakery', 'news@bakery.example', ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
			.params(id.value(), workspace.value(), "Campaign " + subject, subject, html, text, status,
					status.equals("SENT") ? Timestamps.utc(now.minus(3, ChronoUnit.HOURS)) : null, archivePublic,
					slug(id), Timestamps.utc(now), Timestamps.utc(now))
			.update();
		return id;
	}

	CampaignId sentCampaign() {
		return campaign(this.workspace, "SENT", false, "Fresh bread is back", "<p>Hello</p>", "Hello");
	}

	static String slug(CampaignId campaign) {
		return "c-" + campaign.value().toString().substring(24);
	}

	/**
	 * FIXTURE: a recipient row as the send job writes it.
	 */
	void recipient(CampaignId campaign, Contact contact) {
		this.jdbc.sql("""
				insert into campaigns_recipients (campaign_id, contact_id, email, status, sent_at)
				values (?, ?, ?, 'SENT', ?)""")
			.params(campaign.value(), contact.id().value(), contact.email(), Timestamps.utc(Instant.now()))
			.update();
	}

	long events(CampaignId campaign, String kind) {
		return this.jdbc.sql("select count(*) from campaigns_events where campaign_id = ? and kind = ?")
			.params(campaign.value(), kind)
			.query(Long.class)
			.single();
	}

	String token(WorkspaceId workspace, String scope) {
		RegisteredApp app = this.apps.register(workspace, ClientMetadata.toNewApp(
				Map.of("client_name", "Acme Analytics", "grant_types", List.of("client_credentials"), "scope", scope)),
				false);
		return (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), scope)
			.get("access_token");
	}

	/**
	 * A request over real HTTPS, as a mail app or a mail provider sends it: no cookies,
	 * no redirects followed.
	 */
	HttpResponse<String> request(HttpRequest.Builder request) throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(HttpsClient.trusting(this.dataDirectory))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String link) throws Exception {
		return request(HttpRequest.newBuilder(URI.create(link)).header("User-Agent", "Mail/16.0").GET());
	}

}
