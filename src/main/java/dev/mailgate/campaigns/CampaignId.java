package dev.mailgate.campaigns;

import java.time.Instant;
import java.util.UUID;

import dev.mailgate.platform.TimeOrderedIds;

/**
 * A campaign's id.
 */
public record CampaignId(UUID value) {

	/**
	 * A new id that sorts by creation time.
	 */
	public static CampaignId next(Instant createdAt) {
		return new CampaignId(TimeOrderedIds.next(createdAt));
	}

	/**
	 * @throws IllegalArgumentException if the value is not a UUID
	 */
	public static CampaignId parse(String value) {
		return new CampaignId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
