package dev.mailgate.campaigns.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mailgate.contacts.FieldError;
import dev.mailgate.contacts.ListId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A campaign in the API's JSON (snake_case), and a request body read onto a campaign's
 * content: only the properties sent change, an unknown one is an error.
 */
final class CampaignJson {

	static final Set<String> PROPERTIES = Set.of("name", "subject", "preheader", "from_name", "from_email", "reply_to",
			"html_body", "text_body", "list_id", "tag", "archive_public");

	private CampaignJson() {
	}

	static Map<String, @Nullable Object> write(Campaign campaign, JdbcCampaigns.Counts counts, String issuer) {
		CampaignContent content = campaign.content();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("id", campaign.id().toString());
		json.put("name", content.name());
		json.put("status", campaign.status().value());
		json.put("subject", content.subject());
		json.put("preheader", content.preheader());
		json.put("from_name", content.fromName());
		json.put("from_email", content.fromEmail());
		json.put("reply_to", content.replyTo());
		json.put("html_body", content.htmlBody());
		json.put("text_body", content.textBody());
		json.put("list_id", (content.targetList() != null) ? content.targetList().toString() : null);
		json.put("tag", content.targetTag());
		json.put("archive_public", content.archivePublic());
		json.put("archive_url", content.archivePublic() ? issuer + "/archive/" + campaign.archiveSlug() : null);
		json.put("recipients", campaign.recipients());
		json.put("sent", counts.sent());
		json.put("bounced", counts.bounced());
		json.put("failed", counts.failed());
		json.put("queued", counts.queued() + counts.claimed());
		json.put("scheduled_at", string(campaign.scheduledAt()));
		json.put("started_at", string(campaign.startedAt()));
		json.put("sent_at", string(campaign.sentAt()));
		json.put("cancelled_at", string(campaign.cancelledAt()));
		json.put("created_at", campaign.createdAt().toString());
		json.put("updated_at", campaign.updatedAt().toString());
		return json;
	}

	/**
	 * The content with the body's properties applied.
	 * @throws InvalidCampaign naming every property that is unknown or of the wrong type
	 */
	static CampaignContent read(JsonNode body, CampaignContent base) {
		if (!body.isObject()) {
			throw new InvalidCampaign("body", "a JSON object such as {\"name\": \"November news\"}");
		}
		List<FieldError> errors = new ArrayList<>();
		body.propertyNames().forEach((name) -> {
			if (!PROPERTIES.contains(name)) {
				errors.add(new FieldError(name, "unknown property; known: " + String.join(", ", PROPERTIES)));
			}
		});
		Reader reader = new Reader(body, errors);
		CampaignContent content = new CampaignContent(reader.text("name", base.name()),
				reader.text("subject", base.subject()), reader.text("preheader", base.preheader()),
				reader.text("from_name", base.fromName()), reader.text("from_email", base.fromEmail()),
				reader.optional("reply_to", base.replyTo()), reader.text("html_body", base.htmlBody()),
				reader.text("text_body", base.textBody()), reader.list(base.targetList()),
				reader.optional("tag", base.targetTag()), reader.bool("archive_public", base.archivePublic()));
		if (!errors.isEmpty()) {
			throw new InvalidCampaign(errors);
		}
		return content;
	}

	private static @Nullable String string(java.time.@Nullable Instant at) {
		return (at != null) ? at.toString() : null;
	}

	private record Reader(JsonNode body, List<FieldError> errors) {

		String text(String name, String current) {
			JsonNode value = this.body.get(name);
			if (value == null) {
				return current;
			}
			if (value.isNull()) {
				return "";
			}
			if (!value.isString()) {
				this.errors.add(new FieldError(name, "a string"));
				return current;
			}
			return value.asString();
		}

		@Nullable String optional(String name, @Nullable String current) {
			JsonNode value = this.body.get(name);
			if (value == null) {
				return current;
			}
			String text = text(name, (current != null) ? current : "");
			return text.isBlank() ? null : text;
		}

		@Nullable ListId list(@Nullable ListId current) {
			JsonNode value = this.body.get("list_id");
			if (value == null) {
				return current;
			}
			if (value.isNull() || (value.isString() && value.asString().isBlank())) {
				return null;
			}
			ListId list = value.isString() ? ListId.parse(value.asString().strip()).orElse(null) : null;
			if (list == null) {
				this.errors.add(new FieldError("list_id", "a list's id, or null for none"));
			}
			return list;
		}

		boolean bool(String name, boolean current) {
			JsonNode value = this.body.get(name);
			if (value == null) {
				return current;
			}
			if (!value.isBoolean()) {
				this.errors.add(new FieldError(name, "true or false"));
				return current;
			}
			return value.asBoolean();
		}

	}

}
