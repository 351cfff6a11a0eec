package dev.mailgate.campaigns.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.platform.SmtpSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Writing campaigns: a new one is a draft, with the workspace's name as the sender's name
 * and the SMTP settings' sender address unless others are given, and an archive slug
 * nobody can guess; a draft changes only at the version its editor saw.
 */
@Component
class CampaignDrafts {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcCampaigns campaigns;

	private final CampaignRules rules;

	private final Accounts accounts;

	private final SmtpSettings smtp;

	private final Clock clock;

	CampaignDrafts(JdbcCampaigns campaigns, CampaignRules rules, Accounts accounts, SmtpSettings smtp, Clock clock) {
		this.campaigns = campaigns;
		this.rules = rules;
		this.accounts = accounts;
		this.smtp = smtp;
		this.clock = clock;
	}

	/**
	 * The content a new campaign starts with.
	 */
	CampaignContent blank(WorkspaceId workspace) {
		return new CampaignContent("", "", "", this.accounts.workspaceName(workspace).orElse(""),
				EmailAddresses.addressOf(this.smtp.from()), null, "", "", null, null, false);
	}

	Campaign create(WorkspaceId workspace, CampaignContent content, @Nullable String createdBy) {
		CampaignContent defaulted = withDefaults(workspace, content);
		this.rules.requireSavable(workspace, defaulted);
		Instant now = this.clock.instant();
		Campaign campaign = new Campaign(CampaignId.next(now), workspace, defaulted, CampaignStatus.DRAFT, null, null,
				null, null, slug(), 0, 1, createdBy, now, now);
		this.campaigns.insert(campaign);
		return campaign;
	}

	Campaign find(WorkspaceId workspace, CampaignId id) {
		return this.campaigns.find(workspace, id).orElseThrow(() -> new CampaignNotFound(id.toString()));
	}

	/**
	 * @param expectedVersion the version the editor saw, or {@code null} for any
	 * @throws StaleCampaign when someone saved another version first
	 * @throws IllegalTransition when it is no longer a draft
	 */
	Campaign update(WorkspaceId workspace, CampaignId id, CampaignContent content, @Nullable Long expectedVersion) {
		Campaign current = find(workspace, id);
		current.requireDraft("edited");
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw new StaleCampaign(current.version());
		}
		CampaignContent defaulted = withDefaults(workspace, content);
		this.rules.requireSavable(workspace, defaulted);
		if (!this.campaigns.updateDraft(current, defaulted, this.clock.instant())) {
			// changed between the read and the write
			throw new StaleCampaign(find(workspace, id).version());
		}
		return find(workspace, id);
	}

	void delete(WorkspaceId workspace, CampaignId id, @Nullable Long expectedVersion) {
		Campaign current = find(workspace, id);
		current.requireDraft("deleted");
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw new StaleCampaign(current.version());
		}
		if (!this.campaigns.deleteDraft(current)) {
			throw new StaleCampaign(find(workspace, id).version());
		}
	}

	private CampaignContent withDefaults(WorkspaceId workspace, CampaignContent content) {
		CampaignContent blank = blank(workspace);
		return new CampaignContent(content.name().strip(), content.subject(), content.preheader(),
				content.fromName().isBlank() ? blank.fromName() : content.fromName().strip(),
				content.fromEmail().isBlank() ? blank.fromEmail() : content.fromEmail().strip(),
				(content.replyTo() == null || content.replyTo().isBlank()) ? null : content.replyTo().strip(),
				content.htmlBody(), content.textBody(), content.targetList(),
				(content.targetTag() == null || content.targetTag().isBlank()) ? null : content.targetTag().strip(),
				content.archivePublic());
	}

	private static String slug() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
