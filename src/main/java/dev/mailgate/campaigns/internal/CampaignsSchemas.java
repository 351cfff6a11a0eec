package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import org.jspecify.annotations.Nullable;

/**
 * The campaigns API's JSON, for the OpenAPI document only: the controller reads
 * {@code JsonNode} and writes maps, so that an absent property leaves a value as it is.
 */
final class CampaignsSchemas {

	private CampaignsSchemas() {
	}

	@Schema(name = "Campaign", description = "A campaign, with its delivery counts")
	record Campaign(UUID id, @Schema(example = "November news") String name, @Schema(allowableValues = {
			"draft", "scheduled", "sending", "sent", "cancelled" }) String status,
			@Schema(example = "Fresh loaves, {{first_name|friend}}") String subject,
			@Schema(description = "The line inboxes show after the subject") String preheader,
			@Schema(example = "Bakery Newsletter") String fromName,
			@Schema(format = "email", example = "news@bakery.example") String fromEmail,
			@Schema(types = { "string", "null" }, format = "email") @Nullable String replyTo,
			@Schema(example = "<p>Hi {{first_name|there}}!</p>") String htmlBody,
			@Schema(description = "Empty: derived from the HTML when sent") String textBody,
			@Schema(types = { "string", "null" }, format = "uuid",
					description = "The target list: its subscribed contacts receive the campaign") @Nullable UUID listId,
			@Schema(types = { "string", "null" },
					description = "The target tag (with a list: those on it with the tag)") @Nullable String tag,
			boolean archivePublic,
			@Schema(types = { "string", "null" },
					description = "The public archive page, when `archive_public`") @Nullable String archiveUrl,
			@Schema(description = "The audience, fixed when the send started") int recipients,
			@Schema(description = "Messages the SMTP server took") int sent,
			@Schema(description = "Messages the SMTP server refused (5xx)") int bounced,
			@Schema(description = "Messages not sent: interrupted, refused for now (4xx), or the contact "
					+ "unsubscribed meanwhile") int failed,
			@Schema(description = "Recipients still to be sent to") int queued,
			@Schema(types = { "string", "null" }) @Nullable Instant scheduledAt,
			@Schema(types = { "string", "null" }) @Nullable Instant startedAt,
			@Schema(types = { "string", "null" }) @Nullable Instant sentAt,
			@Schema(types = { "string", "null" }) @Nullable Instant cancelledAt, Instant createdAt, Instant updatedAt){
	}

	@Schema(name = "CampaignInput", additionalProperties = AdditionalPropertiesValue.FALSE, description = """
			What to set on a draft. Only the properties you send change; an unknown property is a 400.""")
	record CampaignInput(@Schema(maxLength = 200, description = "Required to create") String name,
			@Schema(maxLength = 300) String subject, @Schema(maxLength = 300) String preheader,
			@Schema(maxLength = 100) String fromName, @Schema(format = "email") String fromEmail, @Schema(types = {
					"string", "null" }, format = "email") @Nullable String replyTo,
			String htmlBody, String textBody,
			@Schema(types = { "string", "null" }, format = "uuid") @Nullable UUID listId,
			@Schema(types = { "string", "null" }) @Nullable String tag, boolean archivePublic){
	}

	@Schema(name = "CampaignPage")
	record CampaignPage(List<Campaign> data, @Schema(types = {
			"string", "null" }) @Nullable String nextCursor){
	}

	@Schema(name = "CampaignSchedule", requiredProperties = "send_at")
	record Schedule(@Schema(format = "date-time", example = "2026-12-01T09:00:00Z") Instant sendAt) {
	}

	@Schema(name = "CampaignTestSend", requiredProperties = "email")
	record TestSend(@Schema(format = "email", example = "me@bakery.example") String email) {
	}

}
