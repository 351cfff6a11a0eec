package dev.mailgate.campaigns.internal;

import dev.mailgate.contacts.ListId;
import org.jspecify.annotations.Nullable;

/**
 * What a marketer writes while a campaign is a draft.
 *
 * @param textBody the plain-text part; empty means derived from the HTML when sent
 * @param targetList the list whose subscribed contacts receive it
 * @param targetTag the tag whose subscribed contacts receive it (with a list: those on
 * the list with the tag)
 * @param archivePublic whether the campaign has a public archive page once sent
 */
record CampaignContent(String name, String subject, String preheader, String fromName, String fromEmail,
		@Nullable String replyTo, String htmlBody, String textBody, @Nullable ListId targetList,
		@Nullable String targetTag, boolean archivePublic) {

	/**
	 * The text part as sent: the text body, or one derived from the HTML.
	 */
	String textOrDerived() {
		return this.textBody.isBlank() ? HtmlText.of(this.htmlBody) : this.textBody;
	}

	boolean hasAudience() {
		return this.targetList != null || this.targetTag != null;
	}

}
