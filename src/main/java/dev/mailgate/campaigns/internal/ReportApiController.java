package dev.mailgate.campaigns.internal;

import dev.mailgate.campaigns.CampaignId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/campaigns/{id}/report} for tokens with scope {@code reports.read}
 * (checked by the API chain): the counts, rates, top links and timeline of one of the
 * workspace's campaigns.
 */
@RestController
@Tag(name = "Reports", description = "What happened to campaigns' messages, and the engagement events behind it")
class ReportApiController {

	private final ReportQueries reports;

	ReportApiController(ReportQueries reports) {
		this.reports = reports;
	}

	@Operation(summary = "A campaign's report", description = """
			Counts (sent, delivered = sent − bounced, bounced, opens and unique opens, clicks and unique clicks, \
			unsubscribed, complained), rates on delivered messages, the ten most clicked links and opens and clicks \
			per hour from the hour of sending (at most 30 days).""")
	@ApiResponse(responseCode = "200", description = "The report",
			content = @Content(schema = @Schema(implementation = Report.class)))
	@ApiResponse(responseCode = "404", description = "No such campaign in your workspace")
	@GetMapping("/api/v1/campaigns/{id}/report")
	Report showReport(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id) {
		CampaignId campaign = ReportNotFound.campaignId(id);
		return this.reports.report(EventsApiCaller.workspace(token), campaign)
			.orElseThrow(() -> new ReportNotFound(campaign.toString()));
	}

}
