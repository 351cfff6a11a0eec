package dev.mailgate.campaigns.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a campaign is in its life: {@code DRAFT → SCHEDULED → SENDING → SENT}, or
 * {@code CANCELLED} from a schedule or a send; a draft may also be sent at once. Sent and
 * cancelled campaigns stay as they are.
 */
enum CampaignStatus {

	DRAFT, SCHEDULED, SENDING, SENT, CANCELLED;

	/**
	 * Whether a campaign in this state may move to {@code next}.
	 */
	boolean canBecome(CampaignStatus next) {
		return switch (this) {
			case DRAFT -> Set.of(SCHEDULED, SENDING).contains(next);
			case SCHEDULED -> Set.of(SENDING, CANCELLED).contains(next);
			case SENDING -> Set.of(SENT, CANCELLED).contains(next);
			case SENT, CANCELLED -> false;
		};
	}

	/**
	 * The name the API uses: {@code draft}, {@code sending}, ...
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String label() {
		return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
	}

	static Optional<CampaignStatus> parse(String value) {
		for (CampaignStatus status : values()) {
			if (status.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
				return Optional.of(status);
			}
		}
		return Optional.empty();
	}

}
