package dev.mailgate.webhooks.internal;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.mailgate.platform.PageParameters;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhooks}: an app's subscriptions in the workspace its token works in
 * (scope {@code webhooks.manage}), and their delivery log. A signing secret is in the
 * response that creates it and never again.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Subscriptions to events, signed the Standard Webhooks way (docs/webhooks.md)")
class WebhooksApiController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Subscriptions subscriptions;

	private final JdbcDeliveries deliveries;

	WebhooksApiController(Subscriptions subscriptions, JdbcDeliveries deliveries) {
		this.subscriptions = subscriptions;
		this.deliveries = deliveries;
	}

	record NewSubscription(@Nullable String url, @Nullable List<String> events, @Nullable String description) {
	}

	record SubscriptionChanges(@Nullable String url, @Nullable List<String> events, @Nullable Boolean enabled,
			@Nullable String description) {
	}

	@Operation(summary = "Subscribe to events", description = """
			Answers the signing secret (`whsec_…`) once: store it, it is never shown again. The URL must be \
			https and public (no private, loopback or link-local address).""")
	@ApiResponse(responseCode = "201", description = "The subscription, with its `secret`")
	@ApiResponse(responseCode = "400", description = "A bad `url`, `events` or `description`, named in `field`")
	@PostMapping
	ResponseEntity<Map<String, @Nullable Object>> createSubscription(@AuthenticationPrincipal Jwt token,
			@RequestBody NewSubscription body) {
		WebhookCaller caller = WebhookCaller.of(token);
		Subscriptions.Created created = this.subscriptions.create(caller.workspace(), caller.clientId(), body.url(),
				body.events(), body.description());
		Map<String, @Nullable Object> json = json(created.subscription());
		json.put("secret", created.secret().value());
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.subscription().id()))
			.cacheControl(CacheControl.noStore())
			.body(json);
	}

	@Operation(summary = "The app's subscriptions in this workspace")
	@GetMapping
	Map<String, @Nullable Object> listSubscriptions(@AuthenticationPrincipal Jwt token) {
		WebhookCaller caller = WebhookCaller.of(token);
		Map<String, @Nullable Object> page = new LinkedHashMap<>();
		page.put("data",
				this.subscriptions.of(caller.workspace(), caller.clientId())
					.stream()
					.map(WebhooksApiController::json)
					.toList());
		page.put("next_cursor", null);
		return page;
	}

	@Operation(summary = "One subscription")
	@ApiResponse(responseCode = "404", description = "No such subscription of this app in this workspace")
	@GetMapping("/{id}")
	Map<String, @Nullable Object> showSubscription(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		WebhookCaller caller = WebhookCaller.of(token);
		return json(this.subscriptions.find(caller.workspace(), caller.clientId(), id(id)));
	}

	@Operation(summary = "Change the URL, the events or the description; disable or enable",
			description = "Enabling a subscription that Mailgate disabled after failures starts its count afresh.")
	@ApiResponse(responseCode = "400", description = "A bad property, named in `field`")
	@PatchMapping("/{id}")
	Map<String, @Nullable Object> updateSubscription(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@RequestBody SubscriptionChanges body) {
		WebhookCaller caller = WebhookCaller.of(token);
		return json(this.subscriptions.update(caller.workspace(), caller.clientId(), id(id), body.url(), body.events(),
				body.enabled(), body.description()));
	}

	@Operation(summary = "Delete a subscription",
			description = "Its pending deliveries are not sent, and its log goes.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> deleteSubscription(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		WebhookCaller caller = WebhookCaller.of(token);
		this.subscriptions.delete(caller.workspace(), caller.clientId(), id(id));
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Rotate the signing secret", description = """
			Answers the new secret once. For 24 hours every delivery carries two signatures, the new secret's and \
			the old one's (`webhook-signature: v1,<new> v1,<old>`), so the receiver can switch without losing any.""")
	@PostMapping("/{id}/rotate-secret")
	ResponseEntity<Map<String, @Nullable Object>> rotateSecret(@AuthenticationPrincipal Jwt token,
			@PathVariable String id) {
		WebhookCaller caller = WebhookCaller.of(token);
		Subscriptions.Created rotated = this.subscriptions.rotate(caller.workspace(), caller.clientId(), id(id));
		Map<String, @Nullable Object> json = json(rotated.subscription());
		json.put("secret", rotated.secret().value());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(json);
	}

	@Operation(summary = "The delivery log, newest first, a page at a time",
			description = "Each delivery with its attempts: response status, up to 1 KB of the response body, duration.")
	@GetMapping("/{id}/deliveries")
	Map<String, @Nullable Object> listDeliveries(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@Parameter(description = "Deliveries per page (1 to 100, default 20)") @RequestParam(
					required = false) @Nullable String limit,
			@Parameter(description = "The `next_cursor` of the page before") @RequestParam(
					required = false) @Nullable String cursor) {
		WebhookCaller caller = WebhookCaller.of(token);
		Subscription subscription = this.subscriptions.find(caller.workspace(), caller.clientId(), id(id));
		int size = limit(limit);
		List<Delivery> rows = this.deliveries.of(subscription.id(), cursor(cursor), size + 1);
		String next = null;
		if (rows.size() > size) {
			rows = rows.subList(0, size);
			next = rows.get(size - 1).id().toString();
		}
		Map<UUID, List<Delivery.Attempt>> attempts = this.deliveries.attempts(rows.stream().map(Delivery::id).toList());
		List<Map<String, @Nullable Object>> data = new ArrayList<>();
		rows.forEach((row) -> data.add(json(row, attempts.getOrDefault(row.id(), List.of()))));
		Map<String, @Nullable Object> page = new LinkedHashMap<>();
		page.put("data", data);
		page.put("next_cursor", next);
		return page;
	}

	static Map<String, @Nullable Object> json(Subscription s) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("id", s.id().toString());
		json.put("url", s.url());
		json.put("events", s.events());
		json.put("description", s.description());
		json.put("enabled", s.enabled());
		json.put("disabled_reason", s.disabledReason());
		json.put("secret_prefix", s.secretPrefix());
		json.put("previous_secret_expires_at", (s.previousSecret() != null && s.previousSecretValid(Instant.now()))
				? text(s.previousSecretUntil()) : null);
		json.put("created_at", text(s.createdAt()));
		json.put("updated_at", text(s.updatedAt()));
		return json;
	}

	private static Map<String, @Nullable Object> json(Delivery d, List<Delivery.Attempt> attempts) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("id", d.id().toString());
		json.put("event_type", d.eventType());
		json.put("status", d.status().toLowerCase(java.util.Locale.ROOT));
		json.put("attempts", d.attempts());
		json.put("response_status", d.responseStatus());
		json.put("created_at", text(d.createdAt()));
		json.put("last_attempt_at", text(d.lastAttemptAt()));
		json.put("next_attempt_at", d.status().equals("PENDING") ? text(d.nextAttemptAt()) : null);
		try {
			json.put("payload", JSON.readTree(d.payload()));
		}
		catch (JacksonException ex) {
			json.put("payload", null);
		}
		json.put("attempt_log", attempts.stream().map((a) -> {
			Map<String, @Nullable Object> attempt = new LinkedHashMap<>();
			attempt.put("attempt", a.attempt());
			attempt.put("at", text(a.at()));
			attempt.put("response_status", a.responseStatus());
			attempt.put("response_excerpt", a.responseExcerpt());
			attempt.put("error", a.error());
			attempt.put("duration_ms", a.durationMs());
			return attempt;
		}).toList());
		return json;
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	private static UUID id(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new WebhookNotFound("No webhook subscription " + id);
		}
	}

	private static int limit(@Nullable String limit) {
		return PageParameters.limit(limit, 20, 100,
				() -> new InvalidWebhook("limit", "must be a number from 1 to 100"));
	}

	private static @Nullable UUID cursor(@Nullable String cursor) {
		return PageParameters.uuidCursor(cursor, () -> new InvalidWebhook("cursor", "not a cursor this endpoint gave"));
	}

}
