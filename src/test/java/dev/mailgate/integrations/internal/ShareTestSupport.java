package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Person;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.OAuthFlows;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer with a workspace of their own, a WireMock stand-in for the provider's API
 * (LinkedIn's posts, an analytics endpoint), a provider and a connection pointing at it,
 * and sent campaigns and engagement events in the campaigns module's tables.
 *
 * <p>
 * FIXTURES: campaigns and events are plain SQL inserts in V15's shape, as the campaigns
 * module's own tests write them; the campaigns module offers no writing API to others.
 */
abstract class ShareTestSupport extends IntegrationTestSupport {

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcProviders providers;

	@Autowired
	JdbcConnections connections;

	@Autowired
	JdbcClient jdbc;

	WireMockServer wiremock;

	/**
	 * Runs while the provider is answering 401, before the answer leaves: a stand-in for
	 * another node that refreshed the token meanwhile.
	 */
	volatile @Nullable Runnable whenTokenRejected;

	String marketer;

	Person person;

	MockHttpSession session;

	WorkspaceId workspace;

	@BeforeEach
	void marketerAndProvider() {
		this.wiremock = new WireMockServer(options().dynamicPort()
			.bindAddress("127.0.0.1")
			.http2PlainDisabled(true)
			.extensions(new RejectionListener()));
		this.wiremock.start();
		this.marketer = "marketer-" + UUID.randomUUID() + "@example.com";
		this.session = new OAuthFlows(this.mvc).newPerson(this.marketer);
		this.person = this.accounts.personByEmail(this.marketer).orElseThrow();
		this.workspace = this.accounts.defaultWorkspaceOf(this.person.id()).orElseThrow();
	}

	@AfterEach
	void stopProvider() {
		this.wiremock.stop();
	}

	String base() {
		return "http://127.0.0.1:" + this.wiremock.port();
	}

	/**
	 * A provider of the type at WireMock, and this workspace's connection to it with a
	 * token that does not expire.
	 */
	Connection connect(ProviderType type, @Nullable String eventsUrl, @Nullable String accountSubject,
			String accessToken) {
		String registration = type.value() + "-" + UUID.randomUUID().toString().substring(0, 8);
		Provider provider = this.providers.add(
				new ProviderSettings(registration, type.label() + " " + registration, type, null,
						base() + "/oauth/authorize", base() + "/oauth/token", null, null, null, base(), eventsUrl,
						Set.of("openid", "w_member_social"), "mailgate-client", "client_secret_post", false),
				"provider-secret-" + UUID.randomUUID());
		return this.connections.save(this.workspace, provider.id(), this.person.id(), "Ada Lovelace", accountSubject,
				new TokenSet(accessToken, null, null, Set.of("openid", "w_member_social")));
	}

	/**
	 * FIXTURE: a sent campaign as the campaigns module writes it.
	 */
	CampaignId sentCampaign(String subject, boolean archivePublic) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		CampaignId id = CampaignId.next(now);
		this.jdbc
			.sql("""
					insert into campaigns_campaigns (id, workspace_id, name, subject, preheader, from_name, from_email,
					    html_body, text_body, status, sent_at, archive_public, archive_slug, recipients, created_at, updated_at)
					values (?, ?, ?, ?, '', 'Acme Bakery', 'news@bakery.example', '<p>Hi</p>', 'Hi', 'SENT', ?, ?, ?, 3, ?, ?)""")
			.params(id.value(), this.workspace.value(), "Campaign " + subject, subject, Timestamps.utc(now),
					archivePublic, slug(id), Timestamps.utc(now), Timestamps.utc(now))
			.update();
		return id;
	}

	static String slug(CampaignId campaign) {
		return "s-" + campaign.value().toString().substring(24);
	}

	/**
	 * FIXTURE: an engagement event as the campaigns module stores it, settled (older than
	 * the feed's settle window).
	 */
	UUID event(CampaignId campaign, String kind, String email, Instant at) {
		UUID id = TimeOrderedIds.next(at);
		this.jdbc.sql("""
				insert into campaigns_events (id, workspace_id, campaign_id, contact_id, email, kind, url, at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, this.workspace.value(), campaign.value(), UUID.randomUUID(), email, kind,
					kind.equals("clicked") ? "https://bakery.example/bread" : null, Timestamps.utc(at))
			.update();
		return id;
	}

	private final class RejectionListener implements ServeEventListener {

		@Override
		public String getName() {
			return "token-rejected";
		}

		@Override
		public void beforeResponseSent(ServeEvent event, Parameters parameters) {
			Runnable action = ShareTestSupport.this.whenTokenRejected;
			if (action != null && event.getResponseDefinition().getStatus() == 401) {
				action.run();
			}
		}

		@Override
		public boolean applyGlobally() {
			return true;
		}

	}

	/**
	 * No row of the shares or the exports holds the token, whatever went wrong.
	 */
	void assertNoRowHolds(String token) {
		for (String table : List.of("integrations_shares", "integrations_analytics_exports")) {
			List<String> rows = this.jdbc.sql("select * from " + table).query((rs, row) -> {
				StringBuilder values = new StringBuilder();
				for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
					values.append(rs.getString(column)).append('|');
				}
				return values.toString();
			}).list();
			assertThat(rows).as(table).noneMatch((row) -> row.contains(token));
		}
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
