package dev.mailgate.campaigns.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldError;

import org.springframework.stereotype.Component;

/**
 * What a campaign's content must be: to be saved (lengths, addresses, a target list that
 * exists, merge tags the workspace knows) and, on top, to be sent (a subject, a sender, a
 * body and an audience).
 */
@Component
class CampaignRules {

	private final Contacts contacts;

	CampaignRules(Contacts contacts) {
		this.contacts = contacts;
	}

	/**
	 * @throws InvalidCampaign naming every wrong field
	 */
	void requireSavable(WorkspaceId workspace, CampaignContent content) {
		List<FieldError> errors = new ArrayList<>();
		if (content.name().isBlank()) {
			errors.add(new FieldError("name", "required: a name people recognise the campaign by"));
		}
		length(errors, "name", content.name(), 200);
		length(errors, "subject", content.subject(), 300);
		length(errors, "preheader", content.preheader(), 300);
		length(errors, "from_name", content.fromName(), 100);
		length(errors, "html_body", content.htmlBody(), 500_000);
		length(errors, "text_body", content.textBody(), 200_000);
		address(errors, "from_email", content.fromEmail());
		if (content.replyTo() != null) {
			address(errors, "reply_to", content.replyTo());
		}
		if (content.targetTag() != null) {
			length(errors, "tag", content.targetTag(), 100);
		}
		if (content.targetList() != null && this.contacts.findList(workspace, content.targetList()).isEmpty()) {
			errors.add(new FieldError("list_id", "no such list in this workspace"));
		}
		Set<String> known = MergeValues.known(this.contacts.fields(workspace));
		mergeTags(errors, known, "subject", content.subject());
		mergeTags(errors, known, "preheader", content.preheader());
		mergeTags(errors, known, "html_body", content.htmlBody());
		mergeTags(errors, known, "text_body", content.textBody());
		if (!errors.isEmpty()) {
			throw new InvalidCampaign(errors);
		}
	}

	/**
	 * @param audience whether the campaign goes to its audience (not for a test send)
	 * @throws InvalidCampaign naming what is missing
	 */
	void requireSendable(CampaignContent content, boolean audience) {
		List<FieldError> errors = new ArrayList<>();
		required(errors, "subject", content.subject(), "a subject");
		required(errors, "from_email", content.fromEmail(), "an address to send from");
		required(errors, "html_body", content.htmlBody(), "an HTML body");
		if (audience && !content.hasAudience()) {
			errors.add(new FieldError("list_id", "required before sending: a target list or tag"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidCampaign(errors);
		}
	}

	private static void required(List<FieldError> errors, String field, String value, String what) {
		if (value.isBlank()) {
			errors.add(new FieldError(field, "required before sending: " + what));
		}
	}

	private static void length(List<FieldError> errors, String field, String value, int max) {
		if (value.length() > max) {
			errors.add(new FieldError(field, "at most %,d characters, this is %,d".formatted(max, value.length())));
		}
	}

	private static void address(List<FieldError> errors, String field, String value) {
		if (!value.isBlank() && EmailAddresses.parse(value).isEmpty()) {
			errors.add(new FieldError(field, "not an email address, such as news@example.com"));
		}
	}

	private static void mergeTags(List<FieldError> errors, Set<String> known, String field, String template) {
		List<String> unknown = MergeTags.names(template)
			.stream()
			.filter((name) -> !known.contains(name))
			.map((name) -> "{{" + name + "}}")
			.toList();
		if (!unknown.isEmpty()) {
			errors.add(new FieldError(field, "unknown merge tag%s %s; known: %s"
				.formatted((unknown.size() > 1) ? "s" : "", String.join(", ", unknown), String.join(", ", known))));
		}
	}

}
