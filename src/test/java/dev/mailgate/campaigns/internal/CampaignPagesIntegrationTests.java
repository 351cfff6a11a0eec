package dev.mailgate.campaigns.internal;

import dev.mailgate.contacts.ContactList;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The campaign pages' rules that a browser does not show by itself: the preview's own
 * strict policy, the stale-save guard, and another workspace's campaign looking like
 * none.
 */
class CampaignPagesIntegrationTests extends CampaignTestSupport {

	/**
	 * The pages' {@code X-Frame-Options: DENY} stays on the preview too (Spring
	 * Security's writer replaces any other value); browsers follow the policy's
	 * {@code frame-ancestors} over it (CSP Level 2 §7.7.1), which the browser test proves
	 * by showing the preview.
	 */
	@Test
	void thePreviewMayOnlyBeFramedByMailgateAndRunsNothing() {
		ContactList list = audience(1);
		Campaign campaign = draft(list, "<p>Hi {{first_name|there}}</p><script>alert(1)</script>");

		MvcTestResult preview = this.mvc.get()
			.uri("/campaigns/" + campaign.id() + "/preview")
			.session(this.session)
			.exchange();

		assertThat(preview).hasStatusOk().bodyText().contains("<p>Hi Reader0</p>");
		assertThat(preview.getResponse().getHeader("Content-Security-Policy"))
			.isEqualTo(CampaignPagesController.PREVIEW_POLICY)
			.contains("sandbox", "frame-ancestors 'self'", "default-src 'none'");
		assertThat(this.mvc.get().uri("/campaigns/" + campaign.id()).session(this.session).exchange()).hasStatusOk()
			.headers()
			.hasValue("X-Frame-Options", "DENY");
	}

	@Test
	void aSaveFromAFormOpenedBeforeSomeoneElsesSaveIsNotWritten() {
		Campaign campaign = draft(audience(1), "<p>Hello</p>");
		this.drafts.update(this.workspace, campaign.id(), campaign.content(), null);

		MvcTestResult stale = this.mvc.post()
			.uri("/campaigns/" + campaign.id())
			.session(this.session)
			.with(csrf())
			.param("version", "1")
			.param("name", "Mine")
			.param("fromEmail", "news@bakery.example")
			.param("htmlBody", "<p>Mine</p>")
			.exchange();

		assertThat(stale).hasStatus(409).bodyText().contains("Someone saved this campaign while you were editing it");
		assertThat(reload(campaign.id()).content().name()).isEqualTo(campaign.content().name());
	}

	@Test
	void theSendConfirmationShowsTheAudienceSenderAndSubjectAndTheListShowsTheStatus() {
		Campaign campaign = draft(audience(3), "<p>Hello</p>");
		this.sending.schedule(this.workspace, campaign.id(), java.time.Instant.parse("2099-01-01T09:00:00Z"));

		assertThat(this.mvc.get().uri("/campaigns/" + campaign.id() + "/send").session(this.session).exchange())
			.hasStatusOk()
			.bodyText()
			.contains("3 subscribed contacts", "Bakery Newsletter &lt;news@bakery.example&gt;",
					"News for {{first_name|friend}}", "for 2099-01-01 09:00 UTC");
		assertThat(this.mvc.get().uri("/campaigns").session(this.session).exchange()).hasStatusOk()
			.bodyText()
			.contains("Campaign " + this.domain, "Scheduled");
		assertThat(this.mvc.get().uri("/campaigns/" + campaign.id()).session(this.session).exchange()).hasStatusOk()
			.bodyText()
			.contains("Cancel the schedule");
	}

	@Test
	void anotherWorkspacesCampaignIsNotFound() {
		Campaign campaign = draft(audience(1), "<p>Hello</p>");
		org.springframework.mock.web.MockHttpSession stranger = this.flows
			.newPerson("stranger-" + java.util.UUID.randomUUID() + "@example.com");

		assertThat(this.mvc.get().uri("/campaigns/" + campaign.id()).session(stranger).exchange()).hasStatus(404);
		assertThat(this.mvc.get().uri("/campaigns/" + campaign.id() + "/preview").session(stranger).exchange())
			.hasStatus(404);
	}

}
