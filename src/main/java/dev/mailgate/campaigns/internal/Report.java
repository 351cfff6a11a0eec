package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A campaign's report: what happened to its messages and what recipients did with them.
 * The API answers it as JSON (snake_case names); the report page lays it out with charts.
 */
@Schema(name = "CampaignReport", requiredProperties = { "campaign", "counts", "rates", "top_links", "timeline" })
record Report(Campaign campaign, Counts counts, Rates rates, List<TopLink> topLinks, List<Hour> timeline) {

	static Report of(Campaign campaign, Counts counts, List<TopLink> topLinks, List<Hour> timeline) {
		return new Report(campaign, counts, Rates.of(counts), topLinks, timeline);
	}

	@Schema(name = "CampaignReportCampaign", requiredProperties = { "id", "name", "subject", "status", "sent_at" })
	record Campaign(UUID id, String name, String subject, @Schema(allowableValues = {
			"draft", "scheduled", "sending", "sent", "cancelled" }) String status,
			@Schema(types = { "string", "null" }, format = "date-time") @Nullable Instant sentAt){
	}

	/**
	 * @param sent messages handed to the SMTP server, those it refused included
	 * @param delivered sent less bounced
	 * @param opens every time a message was shown with its images (the pixel loaded)
	 * @param uniqueOpens recipients who opened at least once
	 * @param clicks every tracked click
	 * @param uniqueClicks recipients who clicked at least once
	 */
	@Schema(name = "CampaignReportCounts")
	record Counts(long sent, long delivered, long bounced, long opens, long uniqueOpens, long clicks, long uniqueClicks,
			long unsubscribed, long complained) {
	}

	/**
	 * Fractions from 0 to 1, {@code null} while their denominator is 0.
	 */
	@Schema(name = "CampaignReportRates", description = "Fractions from 0 to 1 (0.25 is 25 %), "
			+ "null while the denominator is 0; every rate but bounce and click-to-open is on delivered messages")
	record Rates(@Schema(types = {
			"number", "null" }, description = "unique opens / delivered") @Nullable Double openRate,
			@Schema(types = { "number", "null" }, description = "unique clicks / delivered") @Nullable Double clickRate,
			@Schema(types = { "number", "null" },
					description = "unique clicks / unique opens") @Nullable Double clickToOpenRate,
			@Schema(types = { "number", "null" }, description = "bounced / sent") @Nullable Double bounceRate,
			@Schema(types = { "number", "null" },
					description = "unsubscribed / delivered") @Nullable Double unsubscribeRate,
			@Schema(types = { "number", "null" },
					description = "complained / delivered") @Nullable Double complaintRate){

		static Rates of(Counts counts) {
			return new Rates(rate(counts.uniqueOpens(), counts.delivered()),
					rate(counts.uniqueClicks(), counts.delivered()), rate(counts.uniqueClicks(), counts.uniqueOpens()),
					rate(counts.bounced(), counts.sent()), rate(counts.unsubscribed(), counts.delivered()),
					rate(counts.complained(), counts.delivered()));
		}

		private static @Nullable Double rate(long part, long whole) {
			if (whole <= 0) {
				return null;
			}
			return Math.round(Math.min(1.0, (double) part / whole) * 10_000) / 10_000.0;
		}

	}

	/**
	 * @param uniqueClickers recipients who followed the link at least once
	 */
	@Schema(name = "CampaignReportLink")
	record TopLink(String url, long clicks, long uniqueClickers) {
	}

	/**
	 * @param hour the hour's start (UTC)
	 */
	@Schema(name = "CampaignReportHour")
	record Hour(Instant hour, long opens, long clicks) {
	}

}
