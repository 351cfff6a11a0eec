package dev.mailgate.campaigns.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mailgate.contacts.FieldError;
import dev.mailgate.contacts.ListId;
import org.jspecify.annotations.Nullable;

import org.springframework.util.MultiValueMap;

/**
 * The editor's form as posted, and the content it makes; {@code version} is the version
 * the editor was opened at, so a save never overwrites someone else's unseen.
 */
record CampaignForm(String name, String subject, String preheader, String fromName, String fromEmail, String replyTo,
		String htmlBody, String textBody, String listId, String tag, boolean archivePublic, @Nullable Long version) {

	static CampaignForm of(Campaign campaign) {
		CampaignContent content = campaign.content();
		return new CampaignForm(content.name(), content.subject(), content.preheader(), content.fromName(),
				content.fromEmail(), (content.replyTo() != null) ? content.replyTo() : "", content.htmlBody(),
				content.textBody(), (content.targetList() != null) ? content.targetList().toString() : "",
				(content.targetTag() != null) ? content.targetTag() : "", content.archivePublic(), campaign.version());
	}

	static CampaignForm of(CampaignContent content) {
		return new CampaignForm(content.name(), content.subject(), content.preheader(), content.fromName(),
				content.fromEmail(), "", content.htmlBody(), content.textBody(), "", "", false, null);
	}

	static CampaignForm read(MultiValueMap<String, String> params) {
		Long version = null;
		try {
			version = Long.valueOf(value(params, "version"));
		}
		catch (NumberFormatException ex) {
			// a new campaign's form has none
		}
		return new CampaignForm(value(params, "name"), value(params, "subject"), value(params, "preheader"),
				value(params, "fromName"), value(params, "fromEmail"), value(params, "replyTo"),
				value(params, "htmlBody"), value(params, "textBody"), value(params, "listId"), value(params, "tag"),
				params.containsKey("archivePublic"), version);
	}

	/**
	 * @throws InvalidCampaign naming {@code list_id} when the list is not an id
	 */
	CampaignContent content() {
		ListId list = null;
		if (!this.listId.isBlank()) {
			list = ListId.parse(this.listId.strip())
				.orElseThrow(() -> new InvalidCampaign("list_id", "choose one of the lists"));
		}
		return new CampaignContent(this.name, this.subject, this.preheader, this.fromName, this.fromEmail,
				this.replyTo.isBlank() ? null : this.replyTo, this.htmlBody, this.textBody, list,
				this.tag.isBlank() ? null : this.tag, this.archivePublic);
	}

	static Map<String, String> errorsByField(List<FieldError> errors) {
		Map<String, String> byField = new LinkedHashMap<>();
		errors.forEach((error) -> byField.merge(error.field(), error.detail(), (a, b) -> a + "; " + b));
		return byField;
	}

	private static String value(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		return (value != null) ? value.replace("\r\n", "\n") : "";
	}

}
