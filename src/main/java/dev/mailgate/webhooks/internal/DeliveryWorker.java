package dev.mailgate.webhooks.internal;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.mailgate.platform.SecretBox;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries every second. Each node claims a row with a conditional update
 * before sending it, so two nodes never send one row twice; a node that stops mid-send
 * leaves its claim to expire and another node sends the row again. A failed attempt is
 * retried on Standard Webhooks' schedule with jitter, then the delivery fails; after many
 * failed deliveries in a row the subscription is disabled and the app's owners are told.
 */
@Component
class DeliveryWorker implements DisposableBean {

	private static final Log log = LogFactory.getLog(DeliveryWorker.class);

	private final JdbcDeliveries deliveries;

	private final JdbcSubscriptions subscriptions;

	private final Subscriptions management;

	private final WorkspaceSubscriptions cache;

	private final Destinations destinations;

	private final WebhookSender sender;

	private final FailureNotices notices;

	private final WebhooksProperties properties;

	private final Clock clock;

	private final ExecutorService pool = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "webhooks");
		thread.setDaemon(true);
		return thread;
	});

	private final Semaphore slots;

	DeliveryWorker(JdbcDeliveries deliveries, JdbcSubscriptions subscriptions, Subscriptions management,
			WorkspaceSubscriptions cache, Destinations destinations, WebhookSender sender, FailureNotices notices,
			WebhooksProperties properties, Clock clock) {
		this.deliveries = deliveries;
		this.subscriptions = subscriptions;
		this.management = management;
		this.cache = cache;
		this.destinations = destinations;
		this.sender = sender;
		this.notices = notices;
		this.properties = properties;
		this.clock = clock;
		this.slots = new Semaphore(Math.max(1, properties.concurrency()));
	}

	@Scheduled(initialDelayString = "${mailgate.webhooks.poll:1s}", fixedDelayString = "${mailgate.webhooks.poll:1s}")
	void sendDue() {
		int free = this.slots.availablePermits();
		if (free == 0) {
			return;
		}
		Instant now = this.clock.instant();
		Instant until = now.plus(this.properties.connectTimeout())
			.plus(this.properties.requestTimeout())
			.plusSeconds(30);
		for (UUID id : this.deliveries.due(now, free)) {
			if (!this.slots.tryAcquire()) {
				return;
			}
			if (!this.deliveries.claim(id, now, until)) {
				this.slots.release();
				continue;
			}
			this.pool.execute(() -> {
				try {
					attempt(id);
				}
				catch (RuntimeException ex) {
					log.warn("Webhook delivery " + id + " could not be attempted", ex);
				}
				finally {
					this.slots.release();
				}
			});
		}
	}

	void attempt(UUID id) {
		Delivery delivery = this.deliveries.find(id).orElse(null);
		Subscription subscription = (delivery != null) ? this.subscriptions.find(delivery.subscriptionId()).orElse(null)
				: null;
		if (delivery == null || subscription == null) {
			// the subscription was deleted meanwhile, with its deliveries
			return;
		}
		Instant start = this.clock.instant();
		long started = System.nanoTime();
		WebhookSender.Response response = send(delivery, subscription, start);
		int durationMs = (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		int attempt = delivery.attempts() + 1;
		this.deliveries.recordAttempt(id, attempt, start, response.status(), response.excerpt(),
				shorten(response.error()), durationMs);
		if (response.succeeded()) {
			this.deliveries.finish(id, attempt, "SUCCEEDED", null, start, response.status());
			this.subscriptions.succeeded(subscription.id());
		}
		else if (attempt < this.properties.maxAttempts()) {
			this.deliveries.finish(id, attempt, "PENDING", start.plus(delay(attempt)), start, response.status());
		}
		else {
			this.deliveries.finish(id, attempt, "FAILED", null, start, response.status());
			failed(subscription, start);
		}
	}

	private WebhookSender.Response send(Delivery delivery, Subscription subscription, Instant now) {
		try {
			URI url = URI.create(subscription.url());
			this.destinations.check(url);
			return this.sender.send(url, delivery.id().toString(), now.getEpochSecond(),
					this.management.signingSecrets(subscription, now), delivery.payload());
		}
		catch (Destinations.Blocked ex) {
			return new WebhookSender.Response(null, null, "not sent: the URL " + ex.getMessage());
		}
		catch (UnknownHostException ex) {
			return new WebhookSender.Response(null, null, "not sent: the host does not resolve");
		}
		catch (SecretBox.NotDecryptable ex) {
			// the encryption key changed or was lost: the app must rotate its secret
			return new WebhookSender.Response(null, null,
					"not sent: the signing secret is not decryptable with this server's key; rotate the secret");
		}
	}

	/**
	 * The wait before the next attempt: the schedule's, plus up to a fifth more, so that
	 * the retries of one burst spread out.
	 */
	private Duration delay(int attemptsSoFar) {
		Duration base = this.properties.retrySchedule().get(attemptsSoFar - 1);
		return base.plusMillis((long) (base.toMillis() * ThreadLocalRandom.current().nextDouble(0, 0.2)));
	}

	private void failed(Subscription subscription, Instant now) {
		int failures = this.subscriptions.failed(subscription.id());
		if (failures >= this.properties.disableAfterFailures() && this.subscriptions.disable(subscription.id(),
				"Disabled after %d failed deliveries in a row".formatted(failures), now)) {
			this.cache.changed(subscription.workspace());
			this.notices.disabled(subscription, failures);
		}
	}

	private static @Nullable String shorten(@Nullable String error) {
		return (error != null && error.length() > 300) ? error.substring(0, 300) : error;
	}

	@Override
	public void destroy() {
		this.pool.shutdownNow();
	}

}
