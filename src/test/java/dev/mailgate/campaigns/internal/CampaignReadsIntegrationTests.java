package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignEvents.EngagementRecorded;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.Campaigns;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.campaigns.SentCampaign;
import dev.mailgate.contacts.Contact;
import dev.mailgate.platform.Timestamps;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaigns module's read API for other modules (sharing and the analytics export).
 */
class CampaignReadsIntegrationTests extends EngagementTestSupport {

	@Autowired
	Campaigns reads;

	@Autowired
	Engagements engagements;

	@Test
	void listsOnlySentCampaignsNewestFirstWithTheirArchiveLinks() {
		CampaignId older = campaign(this.workspace, "SENT", true, "Older news", "<p>Old</p>", "Old");
		CampaignId newer = campaign(this.workspace, "SENT", false, "Newer news", "<p>New</p>", "New");
		campaign(this.workspace, "DRAFT", true, "Not yet", "<p>Draft</p>", "Draft");
		sentAt(older, Instant.now().minus(2, ChronoUnit.DAYS));

		List<SentCampaign> sent = this.reads.recentlySent(this.workspace, 10);

		assertThat(sent).extracting(SentCampaign::id).containsExactly(newer, older);
		assertThat(sent.get(1).archiveUrl()).isEqualTo(ISSUER + "/archive/" + slug(older));
		assertThat(sent.get(1).subject()).isEqualTo("Older news");
		assertThat(sent.get(0).archiveUrl()).as("not public: no archive page").isNull();
	}

	@Test
	void findsASentCampaignOnlyInItsOwnWorkspace() {
		CampaignId sent = campaign(this.workspace, "SENT", true, "Ours", "<p>Ours</p>", "Ours");
		CampaignId draft = campaign(this.workspace, "DRAFT", true, "Draft", "<p>Draft</p>", "Draft");
		WorkspaceId other = this.accounts
			.defaultWorkspaceOf(this.accounts.personByEmail(ADMIN_EMAIL).orElseThrow().id())
			.orElseThrow();

		assertThat(this.reads.findSent(this.workspace, sent)).map(SentCampaign::name).contains("Campaign Ours");
		assertThat(this.reads.findSent(other, sent)).isEmpty();
		assertThat(this.reads.findSent(this.workspace, draft)).isEmpty();
	}

	@Test
	void listsSettledEngagementInIdOrderAfterTheCursor() {
		CampaignId campaign = sentCampaign();
		Contact ada = contact("ada-" + UUID.randomUUID() + "@example.com", "Ada");
		recipient(campaign, ada);
		Instant minuteAgo = Instant.now().minus(1, ChronoUnit.MINUTES);
		UUID sent = record(EngagementKind.SENT, campaign, ada, null, minuteAgo);
		UUID opened = record(EngagementKind.OPENED, campaign, ada, null, minuteAgo.plusSeconds(1));
		UUID clicked = record(EngagementKind.CLICKED, campaign, ada, "https://bakery.example/",
				minuteAgo.plusSeconds(2));
		record(EngagementKind.OPENED, campaign, ada, null, Instant.now().plusSeconds(5));

		List<EngagementRecorded> all = this.reads.engagementsAfter(this.workspace, null, 100);
		List<EngagementRecorded> afterFirst = this.reads.engagementsAfter(this.workspace, sent, 1);

		assertThat(all).as("the event of the last seconds waits for the next read")
			.extracting(EngagementRecorded::event)
			.containsExactly(sent, opened, clicked);
		assertThat(all.get(2).kind()).isEqualTo(EngagementKind.CLICKED);
		assertThat(all.get(2).url()).isEqualTo("https://bakery.example/");
		assertThat(all.get(0).email()).isEqualTo(ada.email());
		assertThat(all.get(0).contact()).isEqualTo(ada.id());
		assertThat(all.get(0).workspace()).isEqualTo(this.workspace);
		assertThat(afterFirst).extracting(EngagementRecorded::event).containsExactly(opened);
	}

	@Test
	void aSentCampaignsPagesLinkToSharingIt() {
		CampaignId campaign = campaign(this.workspace, "SENT", true, "Share me", "<p>Hi</p>", "Hi");
		String link = "/integrations/share?campaign=" + campaign;

		assertThat(this.mvc.get().uri("/campaigns/" + campaign).session(this.session)).hasStatusOk()
			.bodyText()
			.contains(link);
		assertThat(this.mvc.get().uri("/campaigns/" + campaign + "/report").session(this.session)).hasStatusOk()
			.bodyText()
			.contains(link);
	}

	private UUID record(EngagementKind kind, CampaignId campaign, Contact contact, String url, Instant at) {
		return this.engagements.record(kind, this.workspace, campaign, contact.id(), null, url, null, null, at);
	}

	private void sentAt(CampaignId campaign, Instant at) {
		this.jdbc.sql("update campaigns_campaigns set sent_at = ? where id = ?")
			.params(Timestamps.utc(at), campaign.value())
			.update();
	}

}
