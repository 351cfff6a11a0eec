package dev.mailgate.webhooks.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.mailgate.campaigns.EngagementKind;

/**
 * The events an app can subscribe to, by the name the API and the payloads use.
 */
enum EventType {

	CONTACT_CREATED("contact.created"), CONTACT_UPDATED("contact.updated"),
	CONTACT_UNSUBSCRIBED("contact.unsubscribed"), CAMPAIGN_SENT("campaign.sent"), EMAIL_SENT("email.sent"),
	EMAIL_DELIVERED("email.delivered"), EMAIL_BOUNCED("email.bounced"), EMAIL_OPENED("email.opened"),
	EMAIL_CLICKED("email.clicked"), EMAIL_UNSUBSCRIBED("email.unsubscribed"), EMAIL_COMPLAINED("email.complained");

	private final String value;

	EventType(String value) {
		this.value = value;
	}

	String value() {
		return this.value;
	}

	static Optional<EventType> of(String value) {
		return Arrays.stream(values()).filter((type) -> type.value.equals(value)).findFirst();
	}

	static EventType of(EngagementKind kind) {
		return of("email." + kind.value()).orElseThrow();
	}

	static List<String> allValues() {
		return Arrays.stream(values()).map(EventType::value).toList();
	}

}
