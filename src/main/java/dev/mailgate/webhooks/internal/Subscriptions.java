package dev.mailgate.webhooks.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.SecretBox;
import dev.mailgate.platform.TimeOrderedIds;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * An app's webhook subscriptions in a workspace: created with a secret shown once,
 * changed, rotated (the old secret keeps signing for a while), deleted.
 */
@Service
class Subscriptions {

	static final int MAX_DESCRIPTION = 500;

	private final JdbcSubscriptions subscriptions;

	private final WorkspaceSubscriptions cache;

	private final Destinations destinations;

	private final SecretBox box;

	private final WebhooksProperties properties;

	private final Clock clock;

	Subscriptions(JdbcSubscriptions subscriptions, WorkspaceSubscriptions cache, Destinations destinations,
			SecretBox box, WebhooksProperties properties, Clock clock) {
		this.subscriptions = subscriptions;
		this.cache = cache;
		this.destinations = destinations;
		this.box = box;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A new subscription and the secret it signs with, which is never shown again.
	 */
	record Created(Subscription subscription, WebhookSecret secret) {
	}

	Created create(WorkspaceId workspace, String clientId, @Nullable String url, @Nullable List<String> events,
			@Nullable String description) {
		String checkedUrl = this.destinations.parse(required(url, "url")).toString();
		List<String> checkedEvents = events(events);
		String checkedDescription = description(description);
		if (this.subscriptions.count(workspace, clientId) >= this.properties.maxSubscriptionsPerApp()) {
			throw new InvalidWebhook("url",
					"an app has at most %d webhook subscriptions in a workspace: delete one first"
						.formatted(this.properties.maxSubscriptionsPerApp()));
		}
		Instant now = now();
		UUID id = TimeOrderedIds.next(now);
		WebhookSecret secret = WebhookSecret.generate();
		Subscription subscription = new Subscription(id, workspace, clientId, checkedUrl, checkedDescription,
				checkedEvents, true, null, seal(secret, id), secret.displayPrefix(), null, null, 0, now, now);
		this.subscriptions.insert(subscription);
		this.cache.changed(workspace);
		return new Created(subscription, secret);
	}

	List<Subscription> of(WorkspaceId workspace, String clientId) {
		return this.subscriptions.of(workspace, clientId);
	}

	Subscription find(WorkspaceId workspace, String clientId, UUID id) {
		return this.subscriptions.find(id)
			.filter((s) -> s.workspace().equals(workspace) && s.clientId().equals(clientId))
			.orElseThrow(() -> new WebhookNotFound("No webhook subscription " + id));
	}

	/**
	 * Changes what is given; enabling a disabled subscription starts its failure count
	 * afresh.
	 */
	Subscription update(WorkspaceId workspace, String clientId, UUID id, @Nullable String url,
			@Nullable List<String> events, @Nullable Boolean enabled, @Nullable String description) {
		Subscription current = find(workspace, clientId, id);
		String newUrl = (url != null) ? this.destinations.parse(url).toString() : current.url();
		List<String> newEvents = (events != null) ? events(events) : current.events();
		String newDescription = (description != null) ? description(description) : current.description();
		boolean enable = (enabled != null) ? enabled : current.enabled();
		boolean reenabled = enable && !current.enabled();
		this.subscriptions.update(id, newUrl, newEvents, newDescription, enable,
				enable ? null : ((current.enabled()) ? "Disabled by the app" : current.disabledReason()), reenabled,
				now());
		this.cache.changed(workspace);
		return find(workspace, clientId, id);
	}

	/**
	 * A new secret; the current one keeps signing alongside until the overlap ends.
	 */
	Created rotate(WorkspaceId workspace, String clientId, UUID id) {
		Subscription current = find(workspace, clientId, id);
		WebhookSecret secret = WebhookSecret.generate();
		Instant now = now();
		this.subscriptions.rotate(id, seal(secret, id), secret.displayPrefix(), current.secret(),
				now.plus(this.properties.rotationOverlap()), now);
		return new Created(find(workspace, clientId, id), secret);
	}

	/**
	 * Deletes the subscription with its delivery log; its pending deliveries are never
	 * sent.
	 */
	void delete(WorkspaceId workspace, String clientId, UUID id) {
		find(workspace, clientId, id);
		this.subscriptions.delete(id);
		this.cache.changed(workspace);
	}

	/**
	 * The subscription's current secret and, during a rotation's overlap, the one before.
	 */
	List<WebhookSecret> signingSecrets(Subscription subscription, Instant now) {
		List<WebhookSecret> secrets = new ArrayList<>(2);
		secrets.add(open(subscription.secret(), subscription.id()));
		if (subscription.previousSecretValid(now)) {
			secrets.add(open(subscription.previousSecret(), subscription.id()));
		}
		return secrets;
	}

	private String seal(WebhookSecret secret, UUID id) {
		return this.box.encrypt(secret.value(), id.toString());
	}

	private WebhookSecret open(String sealed, UUID id) {
		return new WebhookSecret(this.box.decrypt(sealed, id.toString()));
	}

	private static List<String> events(@Nullable List<String> events) {
		if (events == null || events.isEmpty()) {
			throw new InvalidWebhook("events",
					"name at least one event type: " + String.join(", ", EventType.allValues()));
		}
		LinkedHashSet<String> checked = new LinkedHashSet<>();
		for (String event : events) {
			if (event == null || EventType.of(event).isEmpty()) {
				throw new InvalidWebhook("events", "'%s' is not an event type; known: %s".formatted(event,
						String.join(", ", EventType.allValues())));
			}
			checked.add(event);
		}
		return List.copyOf(checked);
	}

	private static String description(@Nullable String description) {
		if (description == null) {
			return "";
		}
		if (description.length() > MAX_DESCRIPTION) {
			throw new InvalidWebhook("description", "at most %d characters".formatted(MAX_DESCRIPTION));
		}
		return description.strip();
	}

	private static String required(@Nullable String value, String field) {
		if (value == null) {
			throw new InvalidWebhook(field, "required");
		}
		return value;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
