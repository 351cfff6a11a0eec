package dev.mailgate.campaigns.internal;

import dev.mailgate.campaigns.CampaignId;

/**
 * The campaign a report was asked for is not one of the workspace's.
 */
class ReportNotFound extends RuntimeException {

	ReportNotFound(String campaign) {
		super("No campaign %s in your workspace".formatted(campaign));
	}

	/**
	 * The id in a path; what is not an id names no campaign.
	 */
	static CampaignId campaignId(String id) {
		try {
			return CampaignId.parse(id);
		}
		catch (IllegalArgumentException ex) {
			throw new ReportNotFound(id);
		}
	}

}
