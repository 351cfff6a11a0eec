package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.campaigns.SentCampaign;
import dev.mailgate.integrations.IntegrationEvents.CampaignShared;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shares a sent campaign's archive page as a post on a connected social account
 * (LinkedIn's Posts API). One share at a time per connection, and never the same post
 * twice within a minute, so a double click or a second tab does not post twice; a post
 * LinkedIn did not take is not retried behind the person's back.
 */
@Component
class CampaignSharing {

	static final int MAX_COMMENTARY = 3000;

	private static final Log log = LogFactory.getLog(CampaignSharing.class);

	private final JdbcConnections connections;

	private final ConnectionTokens tokens;

	private final JdbcShares shares;

	private final LinkedInPosts linkedIn;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CampaignSharing(JdbcConnections connections, ConnectionTokens tokens, JdbcShares shares, LinkedInPosts linkedIn,
			TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
		this.connections = connections;
		this.tokens = tokens;
		this.shares = shares;
		this.linkedIn = linkedIn;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @throws ShareRefused with what to tell the person, when nothing was posted
	 */
	Share share(WorkspaceMember member, Connection connection, SentCampaign campaign, String commentary) {
		String text = commentary.strip();
		if (text.isEmpty() || text.length() > MAX_COMMENTARY) {
			throw new ShareRefused("Write a text for the post (at most %,d characters).".formatted(MAX_COMMENTARY));
		}
		String archive = campaign.archiveUrl();
		if (archive == null) {
			throw new ShareRefused("This campaign has no public archive page to link to. Make its archive page public "
					+ "in the campaign's settings, then share it.");
		}
		UUID id = start(member, connection, campaign, text);
		LinkedInPosts.Article post = new LinkedInPosts.Article(text, archive, campaign.subject(),
				"A campaign from " + member.workspaceName());
		Instant now = this.clock.instant();
		try {
			LinkedInPosts.Posted posted = post(connection, post);
			this.shares.shared(id, posted.urn(), posted.url(), now);
			this.events.publishEvent(new CampaignShared(connection.id(), connection.workspace(), campaign.id(),
					posted.url(), member.person().id(), now));
		}
		catch (ShareRefused ex) {
			this.shares.failed(id, ex.getMessage(), now);
			throw ex;
		}
		catch (RuntimeException ex) {
			log.warn("Share on connection " + connection.id() + " failed", ex);
			this.shares.failed(id, "Mailgate could not share this campaign", now);
			throw new ShareRefused("Mailgate could not share this campaign. Try again in a few minutes.");
		}
		return this.shares.find(id).orElseThrow();
	}

	/**
	 * Records the share as under way, unless another one is (checked and written under
	 * the connection's row lock, so that two requests cannot both pass).
	 */
	private UUID start(WorkspaceMember member, Connection connection, SentCampaign campaign, String text) {
		UUID id = this.transactions.execute((status) -> {
			this.connections.lock(connection.id());
			Instant now = this.clock.instant();
			if (this.shares.busy(connection.id(), campaign.id(), text, now)) {
				return null;
			}
			return this.shares.start(connection.workspace(), connection.id(), campaign.id(), text, member.person().id(),
					now);
		});
		if (id == null) {
			throw new ShareRefused("This campaign was just shared, or a share is still under way. "
					+ "Look at the history below before sharing again.");
		}
		return id;
	}

	private LinkedInPosts.Posted post(Connection connection, LinkedInPosts.Article post) {
		String api = (connection.provider().apiBaseUrl() != null) ? connection.provider().apiBaseUrl()
				: "https://api.linkedin.com";
		try {
			String token = this.tokens.accessToken(connection.id());
			LinkedInPosts.Outcome outcome = attempt(connection, api, token, post);
			if (outcome instanceof LinkedInPosts.TokenRejected) {
				// another node may have refreshed it meanwhile; otherwise this throws
				outcome = attempt(connection, api, this.tokens.afterRejection(connection.id(), token), post);
			}
			return posted(connection, outcome);
		}
		catch (ConnectionUnusable ex) {
			throw reconnect(connection);
		}
		catch (ProviderUnavailable ex) {
			throw busy(connection);
		}
	}

	private LinkedInPosts.Outcome attempt(Connection connection, String api, String token, LinkedInPosts.Article post) {
		String subject = connection.accountSubject();
		if (subject == null) {
			LinkedInPosts.Outcome who = this.linkedIn.subject(api, token);
			if (!(who instanceof LinkedInPosts.Identified identified)) {
				return who;
			}
			subject = identified.subject();
		}
		return this.linkedIn.post(api, token, post.by(subject));
	}

	private LinkedInPosts.Posted posted(Connection connection, LinkedInPosts.Outcome outcome) {
		if (outcome instanceof LinkedInPosts.Posted posted) {
			return posted;
		}
		if (outcome instanceof LinkedInPosts.Refused refused) {
			throw new ShareRefused(
					"%s did not take the post: %s".formatted(connection.provider().name(), refused.message()));
		}
		if (outcome instanceof LinkedInPosts.Busy busy) {
			log.info("Share on connection " + connection.id() + " not posted: " + busy.detail());
			throw busy(connection);
		}
		throw reconnect(connection);
	}

	private static ShareRefused busy(Connection connection) {
		return new ShareRefused("%s is busy right now and did not post anything. Try again in a few minutes."
			.formatted(connection.provider().name()));
	}

	private static ShareRefused reconnect(Connection connection) {
		return new ShareRefused(("%s refused Mailgate's access to %s. Reconnect the account on the Integrations page, "
				+ "then share again.")
			.formatted(connection.provider().name(), connection.accountLabel()));
	}

}
