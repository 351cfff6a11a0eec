package dev.mailgate.webhooks.internal;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Person;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The delivery log of an app's webhooks, for the members of the workspace that owns the
 * app: each subscription (in any workspace that uses the app) with its recent deliveries,
 * and "Send again" for a failed one. Anyone else gets a 404, as for an app that does not
 * exist.
 */
@Controller
@RequestMapping("/apps/{clientId}/webhooks")
class WebhookLogController {

	static final int RECENT = 25;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final Apps apps;

	private final Accounts accounts;

	private final JdbcSubscriptions subscriptions;

	private final JdbcDeliveries deliveries;

	private final Clock clock;

	WebhookLogController(Apps apps, Accounts accounts, JdbcSubscriptions subscriptions, JdbcDeliveries deliveries,
			Clock clock) {
		this.apps = apps;
		this.accounts = accounts;
		this.subscriptions = subscriptions;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	/**
	 * A subscription as the page shows it.
	 */
	record SubscriptionView(Subscription subscription, @Nullable String workspaceName, List<DeliveryView> deliveries) {
	}

	/**
	 * A delivery as the page shows it.
	 */
	record DeliveryView(UUID id, String time, String eventType, String status, int attempts,
			@Nullable Integer responseStatus, @Nullable String nextRetry, boolean failed) {

		static DeliveryView of(Delivery d) {
			String status = d.status().charAt(0) + d.status().substring(1).toLowerCase(Locale.ROOT);
			if (d.status().equals("PENDING") && d.attempts() > 0) {
				status = "Retrying";
			}
			return new DeliveryView(d.id(), TIME.format(d.createdAt()), d.eventType(), status, d.attempts(),
					d.responseStatus(),
					(d.status().equals("PENDING") && d.nextAttemptAt() != null) ? TIME.format(d.nextAttemptAt()) : null,
					d.failed());
		}

	}

	@GetMapping
	String showDeliveryLog(Principal principal, @PathVariable String clientId, Model model) {
		AppClient app = app(principal, clientId);
		Instant now = this.clock.instant();
		List<SubscriptionView> views = this.subscriptions.ofClient(app.clientId())
			.stream()
			.map((s) -> new SubscriptionView(s, this.accounts.workspaceName(s.workspace()).orElse(null),
					this.deliveries.of(s.id(), null, RECENT).stream().map(DeliveryView::of).toList()))
			.toList();
		model.addAttribute("app", app);
		model.addAttribute("subscriptions", views);
		model.addAttribute("now", TIME.format(now));
		return "webhooks/log";
	}

	@PostMapping("/deliveries/{deliveryId}/send-again")
	String sendAgain(Principal principal, @PathVariable String clientId, @PathVariable String deliveryId,
			RedirectAttributes redirect) {
		AppClient app = app(principal, clientId);
		UUID id = uuid(deliveryId);
		Delivery delivery = this.deliveries.find(id).orElseThrow(WebhookLogController::notFound);
		this.subscriptions.find(delivery.subscriptionId())
			.filter((s) -> s.clientId().equals(app.clientId()))
			.orElseThrow(WebhookLogController::notFound);
		if (this.deliveries.sendAgain(id, this.clock.instant())) {
			redirect.addFlashAttribute("notice",
					"The %s delivery will be sent again within seconds.".formatted(delivery.eventType()));
		}
		else {
			redirect.addFlashAttribute("error", "Only a failed delivery can be sent again.");
		}
		return "redirect:/apps/" + app.clientId() + "/webhooks";
	}

	private AppClient app(Principal principal, String clientId) {
		Person person = this.accounts.personByEmail(principal.getName()).orElseThrow(WebhookLogController::notFound);
		return this.apps.byClientId(clientId)
			.filter((app) -> this.accounts.roleOf(person.id(), app.workspace()).isPresent())
			.orElseThrow(WebhookLogController::notFound);
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw notFound();
		}
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such app");
	}

}
