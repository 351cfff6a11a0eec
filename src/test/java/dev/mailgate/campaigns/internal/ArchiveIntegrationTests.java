package dev.mailgate.campaigns.internal;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.mailgate.campaigns.CampaignId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public archive pages: only sent campaigns made public have one; it carries the tags
 * social media apps read, and nobody's personal data.
 */
class ArchiveIntegrationTests extends EngagementTestSupport {

	static final String HTML = """
			<!DOCTYPE html><html><body><p style="color: #333">Hello {{first_name|friend}}, {{last_name}}!</p>
			<p>Our sourdough is back.</p><a href="{{unsubscribe_url}}">Unsubscribe</a>
			<script>alert(1)</script></body></html>""";

	@Test
	void sentPublicCampaignHasAPageWithOpenGraphTagsAndShareLinks() throws Exception {
		CampaignId campaign = campaign(this.workspace, "SENT", true, "Fresh bread, {{first_name}}", HTML, "Hello");

		HttpResponse<String> page = get(ISSUER + "/archive/" + slug(campaign));

		assertThat(page.statusCode()).isEqualTo(200);
		String url = ISSUER + "/archive/" + slug(campaign);
		String encoded = URLEncoder.encode(url, StandardCharsets.UTF_8);
		assertThat(page.body()).contains("<meta property=\"og:title\" content=\"Fresh bread,\">")
			.contains("<meta property=\"og:url\" content=\"" + url + "\">")
			.contains("<meta property=\"og:type\" content=\"article\">")
			.contains("<meta property=\"og:site_name\" content=\"Workspace of " + this.marketer + "\">")
			.contains("<meta property=\"og:description\" content=\"Hello\">")
			.contains("<meta name=\"twitter:card\" content=\"summary\">")
			.contains("https://www.linkedin.com/sharing/share-offsite/?url=" + encoded)
			.contains("https://x.com/intent/post?url=" + encoded + "&amp;text=Fresh%20bread%2C")
			.contains("https://www.facebook.com/sharer/sharer.php?u=" + encoded)
			.contains("data-copy=\"archive-url\"")
			.contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox\"")
			.doesNotContain("<script>alert");
		assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void contentIsTheMessageWithoutPersonalDataSandboxedByItsPolicy() throws Exception {
		CampaignId campaign = campaign(this.workspace, "SENT", true, "Fresh bread", HTML, "Hello");

		HttpResponse<String> content = get(ISSUER + "/archive/" + slug(campaign) + "/content");

		assertThat(content.statusCode()).isEqualTo(200);
		assertThat(content.body()).contains("Hello friend, !")
			.contains("Our sourdough is back.")
			.contains("<a href=\"\">Unsubscribe</a>")
			.doesNotContain("{{")
			.doesNotContain("/t/o/")
			.doesNotContain("/u/");
		assertThat(content.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox")
			.contains("default-src 'none'")
			.contains("frame-ancestors 'self'")
			.doesNotContain("script-src");
		assertThat(content.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
	}

	@Test
	void draftsPrivateCampaignsAndUnknownSlugsAnswer404() throws Exception {
		CampaignId draft = campaign(this.workspace, "DRAFT", true, "Draft", HTML, "Hello");
		CampaignId sending = campaign(this.workspace, "SENDING", true, "Sending", HTML, "Hello");
		CampaignId notShared = campaign(this.workspace, "SENT", false, "Private", HTML, "Hello");

		for (CampaignId campaign : new CampaignId[] { draft, sending, notShared }) {
			assertThat(get(ISSUER + "/archive/" + slug(campaign)).statusCode()).isEqualTo(404);
			assertThat(get(ISSUER + "/archive/" + slug(campaign) + "/content").statusCode()).isEqualTo(404);
		}
		assertThat(get(ISSUER + "/archive/no-such-campaign").statusCode()).isEqualTo(404);
	}

}
