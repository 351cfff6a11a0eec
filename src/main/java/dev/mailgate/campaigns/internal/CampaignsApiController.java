package dev.mailgate.campaigns.internal;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.platform.PageParameters;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/campaigns}: campaigns for integrations. Reading needs
 * {@code campaigns.read}, writing drafts {@code campaigns.write}, and sending,
 * scheduling, cancelling and test sends {@code campaigns.send} (oauth's
 * {@code ApiScopes}).
 */
@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "Campaigns", description = "Campaigns: drafts, sending, scheduling and test sends")
class CampaignsApiController {

	static final String ETAG = "The campaign's version (`\"3\"`): send it back in `If-Match`";

	static final String NO_CAMPAIGN = "No such campaign in your workspace";

	static final String STATE = "The campaign's state does not allow this (such as editing one that is sending); "
			+ "`detail` names the state";

	static final String IF_MATCH = "Write only if the campaign is still at this version (its ETag)";

	private final CampaignDrafts drafts;

	private final CampaignSending sending;

	private final JdbcCampaigns campaigns;

	private final String issuer;

	CampaignsApiController(CampaignDrafts drafts, CampaignSending sending, JdbcCampaigns campaigns,
			@Value("${mailgate.issuer:https://localhost:8443}") String issuer) {
		this.drafts = drafts;
		this.sending = sending;
		this.campaigns = campaigns;
		this.issuer = issuer.replaceAll("/+$", "");
	}

	@Operation(summary = "List campaigns, newest first")
	@ApiResponse(responseCode = "200", description = "A page of campaigns",
			content = @Content(schema = @Schema(implementation = CampaignsSchemas.CampaignPage.class)))
	@ApiResponse(responseCode = "400", description = "A bad `limit`, `cursor` or `status`")
	@GetMapping
	Map<String, @Nullable Object> listCampaigns(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Campaigns per page",
					schema = @Schema(type = "integer", minimum = "1", maximum = "100",
							defaultValue = "20")) @RequestParam(required = false) @Nullable String limit,
			@Parameter(description = "The `next_cursor` of the page before") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "Only campaigns in this state",
					schema = @Schema(
							allowableValues = { "draft", "scheduled", "sending", "sent", "cancelled" })) @RequestParam(
									required = false) @Nullable String status) {
		int size = limit(limit);
		List<Campaign> page = this.campaigns.page(workspace(token), status(status), cursor(cursor), size + 1);
		List<Campaign> shown = page.subList(0, Math.min(size, page.size()));
		Map<UUID, JdbcCampaigns.Counts> counts = this.campaigns.counts(shown.stream().map(Campaign::id).toList());
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("data",
				shown.stream()
					.map((campaign) -> CampaignJson.write(campaign,
							counts.getOrDefault(campaign.id().value(), JdbcCampaigns.Counts.NONE), this.issuer))
					.toList());
		json.put("next_cursor", (page.size() > size) ? shown.get(shown.size() - 1).id().toString() : null);
		return json;
	}

	@Operation(summary = "Show a campaign, with its delivery counts")
	@ApiResponse(responseCode = "200", description = "The campaign",
			headers = @Header(name = "ETag", description = ETAG),
			content = @Content(schema = @Schema(implementation = CampaignsSchemas.Campaign.class)))
	@ApiResponse(responseCode = "404", description = NO_CAMPAIGN)
	@GetMapping("/{id}")
	ResponseEntity<Map<String, @Nullable Object>> showCampaign(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id) {
		return ok(this.drafts.find(workspace(token), campaignId(id)));
	}

	@Operation(summary = "Create a draft campaign", description = """
			`from_name` defaults to the workspace's name and `from_email` to the address of Mailgate's \
			`MAILGATE_SMTP_FROM`. Merge tags must be known: `email`, `first_name`, `last_name`, \
			`unsubscribe_url` and the workspace's custom field keys, each with an optional default \
			(`{{first_name|there}}`).""")
	@ApiResponse(responseCode = "201", description = "Created; `Location` names it",
			headers = @Header(name = "ETag", description = ETAG),
			content = @Content(schema = @Schema(implementation = CampaignsSchemas.Campaign.class)))
	@ApiResponse(responseCode = "400", description = "A wrong property, named in `field` and `errors`")
	@PostMapping
	ResponseEntity<Map<String, @Nullable Object>> createCampaign(@AuthenticationPrincipal Jwt token,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(
					implementation = CampaignsSchemas.CampaignInput.class))) @RequestBody JsonNode body) {
		WorkspaceId workspace = workspace(token);
		Campaign campaign = this.drafts.create(workspace, CampaignJson.read(body, this.drafts.blank(workspace)),
				createdBy(token));
		return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id()))
			.eTag(campaign.etag())
			.body(CampaignJson.write(campaign, JdbcCampaigns.Counts.NONE, this.issuer));
	}

	@Operation(summary = "Change a draft: the properties you send")
	@ApiResponse(responseCode = "200", description = "The changed draft",
			headers = @Header(name = "ETag", description = ETAG),
			content = @Content(schema = @Schema(implementation = CampaignsSchemas.Campaign.class)))
	@ApiResponse(responseCode = "400", description = "A wrong property, named in `field` and `errors`")
	@ApiResponse(responseCode = "404", description = NO_CAMPAIGN)
	@ApiResponse(responseCode = "409", description = STATE)
	@ApiResponse(responseCode = "412", description = "`If-Match` names a version that is no longer current")
	@PatchMapping("/{id}")
	ResponseEntity<Map<String, @Nullable Object>> updateCampaign(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(
					implementation = CampaignsSchemas.CampaignInput.class))) @RequestBody JsonNode body) {
		WorkspaceId workspace = workspace(token);
		Campaign current = this.drafts.find(workspace, campaignId(id));
		Long version = IfMatchHeader.version(ifMatch);
		current.requireDraft("edited");
		return ok(this.drafts.update(workspace, current.id(), CampaignJson.read(body, current.content()), version));
	}

	@Operation(summary = "Delete a draft")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = NO_CAMPAIGN)
	@ApiResponse(responseCode = "409", description = STATE)
	@ApiResponse(responseCode = "412", description = "`If-Match` names a version that is no longer current")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> deleteCampaign(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch) {
		this.drafts.delete(workspace(token), campaignId(id), IfMatchHeader.version(ifMatch));
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Send now", description = """
			Fixes the audience (the subscribed contacts of the target list or tag at this moment) and starts \
			delivery; `status` becomes `sending`, then `sent`. Needs `campaigns.send`.""")
	@ApiResponse(responseCode = "200", description = "Sending",
			content = @Content(schema = @Schema(implementation = CampaignsSchemas.Campaign.class)))
	@ApiResponse(responseCode = "400", description = "Something a send needs is missing, named in `field`")
	@ApiResponse(responseCode = "404", description = NO_CAMPAIGN)
	@ApiResponse(responseCode = "409", description = STATE)
	@ApiResponse(responseCode = "503", description = "No SMTP server is configured")
	@PostMapping("/{id}/send")
	ResponseEntity<Map<String, @Nullable Object>> sendCampaign(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id) {
		return ok(this.sending.sendNow(workspace(token), campaignId(id)));
	}

	@Operation(summary = "Schedule for a time in the future", description = "Needs `campaigns.send`.")
	@ApiResponse(responseCode = "200", description = "Scheduled",
			content = @Content(schema = @Schema(implementation = CampaignsSchemas.Campaign.class)))
	@ApiResponse(responseCode = "400", description = "`send_at` missing or not in the future, or content missing")
	@ApiResponse(responseCode = "404", description = NO_CAMPAIGN)
	@ApiResponse(responseCode = "409", description = STATE)
	@PostMapping("/{id}/schedule")
	ResponseEntity<Map<String, @Nullable Object>> scheduleCampaign(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = CampaignsSchemas.Schedule.class))) @RequestBody JsonNode body) {
		return ok(this.sending.schedule(workspace(token), campaignId(id), sendAt(body)));
	}

	@Operation(summary = "Cancel a schedule or a send",
			description = "A send stops after the batch in flight; the rest are never sent. Needs `campaigns.send`.")
	@ApiResponse(responseCode = "200", description = "Cancelled",
			content = @Content(schema = @Schema(implementation = CampaignsSchemas.Campaign.class)))
	@ApiResponse(responseCode = "404", description = NO_CAMPAIGN)
	@ApiResponse(responseCode = "409", description = STATE)
	@PostMapping("/{id}/cancel")
	ResponseEntity<Map<String, @Nullable Object>> cancelCampaign(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id) {
		return ok(this.sending.cancel(workspace(token), campaignId(id)));
	}

	@Operation(summary = "Send a test to one address", description = """
			The subject starts with `[Test]`; merge tags take the values of that address's contact, or of a sample \
			person. Nothing is tracked or counted. Needs `campaigns.send`.""")
	@ApiResponse(responseCode = "204", description = "Handed to the SMTP server")
	@ApiResponse(responseCode = "400", description = "`email` is no address, or the SMTP server refused it")
	@ApiResponse(responseCode = "404", description = NO_CAMPAIGN)
	@ApiResponse(responseCode = "503", description = "No SMTP server is configured, or it cannot be reached")
	@PostMapping("/{id}/test")
	ResponseEntity<Void> testCampaign(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = CampaignsSchemas.TestSend.class))) @RequestBody JsonNode body) {
		JsonNode email = body.isObject() ? body.get("email") : null;
		if (email == null || !email.isString()) {
			throw new InvalidCampaign("email", "required: the address to send the test to");
		}
		this.sending.test(workspace(token), campaignId(id), email.asString());
		return ResponseEntity.noContent().build();
	}

	private ResponseEntity<Map<String, @Nullable Object>> ok(Campaign campaign) {
		return ResponseEntity.ok()
			.eTag(campaign.etag())
			.body(CampaignJson.write(campaign, this.campaigns.counts(campaign.id()), this.issuer));
	}

	static WorkspaceId workspace(Jwt token) {
		String workspace = token.getClaimAsString("workspace_id");
		if (workspace == null) {
			throw new AccessDeniedException("The token names no workspace");
		}
		return new WorkspaceId(UUID.fromString(workspace));
	}

	private static String createdBy(Jwt token) {
		String user = token.getClaimAsString("user_id");
		return (user != null) ? "user:" + user : "api:" + token.getClaimAsString("client_id");
	}

	static CampaignId campaignId(String id) {
		try {
			return (id.length() == 36) ? CampaignId.parse(id) : fail(id);
		}
		catch (IllegalArgumentException ex) {
			return fail(id);
		}
	}

	private static CampaignId fail(String id) {
		throw new CampaignNotFound(id);
	}

	private static int limit(@Nullable String limit) {
		return PageParameters.limit(limit, 20, 100, () -> new InvalidCampaign("limit", "a whole number from 1 to 100"));
	}

	private static @Nullable UUID cursor(@Nullable String cursor) {
		return PageParameters.uuidCursor(cursor,
				() -> new InvalidCampaign("cursor", "the next_cursor of a page this API gave out"));
	}

	private static @Nullable CampaignStatus status(@Nullable String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		return CampaignStatus.parse(status)
			.orElseThrow(() -> new InvalidCampaign("status", "one of draft, scheduled, sending, sent, cancelled"));
	}

	private static Instant sendAt(JsonNode body) {
		JsonNode at = body.isObject() ? body.get("send_at") : null;
		if (at == null || !at.isString()) {
			throw new InvalidCampaign("send_at", "required: a time such as 2026-12-01T09:00:00Z");
		}
		try {
			return java.time.OffsetDateTime.parse(at.asString().strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidCampaign("send_at", "a time with its offset, such as 2026-12-01T09:00:00Z");
		}
	}

}
