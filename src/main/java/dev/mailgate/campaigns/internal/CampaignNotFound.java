package dev.mailgate.campaigns.internal;

/**
 * No such campaign in the caller's workspace (another workspace's looks the same): a 404.
 */
class CampaignNotFound extends RuntimeException {

	CampaignNotFound(String id) {
		super("Campaign %s does not exist".formatted(id));
	}

}
