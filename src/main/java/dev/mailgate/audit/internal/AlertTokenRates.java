package dev.mailgate.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.mailgate.apps.AppId;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.platform.SharedCounters;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The token surge rule: an app's tokens in the current minute above the larger of a floor
 * and a multiple of its usual rate ({@link AlertBaseline}).
 *
 * <p>
 * {@link OAuthEvents.TokenIssued} comes once per token on the token endpoint's hot path,
 * so counting is one increment of the app's minute in the {@link SharedCounters} (every
 * node counts into the same minute), which the request does not wait for. Once it is
 * counted: below the floor nothing else happens. The first time in a minute that this
 * node sees the app past the floor, its baseline is read on the alert thread (so at most
 * once per app, minute and node, never on the request thread); from then on, the count is
 * compared with the limit in memory, and crossing it raises one hit, once across all
 * nodes (the first node to claim the minute raises it).
 */
@Component
class AlertTokenRates {

	private static final String COUNT = "alerts:token-surge:";

	private static final String RAISED = "alerts:token-surge-raised:";

	/** Long enough for tokens of a minute counted late, short enough not to pile up. */
	private static final Duration KEEP_MINUTE = Duration.ofMinutes(2);

	private final Map<AppId, Minute> minutes = new ConcurrentHashMap<>();

	private final AlertSettings settings;

	private final AlertBaseline baseline;

	private final AlertQueue queue;

	private final AlertRaising raising;

	private final SharedCounters counters;

	private final Clock clock;

	AlertTokenRates(AlertSettings settings, AlertBaseline baseline, AlertQueue queue, AlertRaising raising,
			SharedCounters counters, Clock clock) {
		this.counters = counters;
		this.settings = settings;
		this.baseline = baseline;
		this.queue = queue;
		this.raising = raising;
		this.clock = clock;
	}

	@EventListener
	void on(OAuthEvents.TokenIssued issued) {
		long epochMinute = issued.at().getEpochSecond() / 60;
		this.counters.increment(COUNT + issued.app().value() + ":" + epochMinute, KEEP_MINUTE)
			.thenAccept((count) -> counted(issued.app(), issued.clientId(), epochMinute, count));
	}

	private void counted(AppId app, String clientId, long epochMinute, long count) {
		Minute minute = this.minutes.get(app);
		if (minute == null) {
			minute = this.minutes.computeIfAbsent(app, (key) -> new Minute());
		}
		Step step = minute.count(epochMinute, count, this.settings.current().tokenSurge().floor());
		if (step == Step.READ_BASELINE) {
			Minute counted = minute;
			this.queue.execute(() -> checkBaseline(app, clientId, counted, epochMinute));
		}
		else if (step == Step.RAISE) {
			raiseOnce(app, clientId, minute, epochMinute);
		}
	}

	/**
	 * Raises the minute's hit unless another node did already.
	 */
	private void raiseOnce(AppId app, String clientId, Minute minute, long epochMinute) {
		AlertHit hit = hit(app, clientId, minute, epochMinute);
		this.counters.increment(RAISED + app.value() + ":" + epochMinute, KEEP_MINUTE).thenAccept((claims) -> {
			if (claims == 1) {
				this.raising.raise(hit);
			}
		});
	}

	/**
	 * On the alert thread: the app's limit for this minute, and a hit if it is past it
	 * already.
	 */
	private void checkBaseline(AppId app, String clientId, Minute minute, long epochMinute) {
		double mean = this.baseline.meanPerMinute(app, Instant.ofEpochSecond(epochMinute * 60));
		AlertsProperties.TokenSurge rule = this.settings.current().tokenSurge();
		long limit = Math.max(rule.floor(), (long) Math.ceil(rule.multiple() * mean));
		if (minute.limitKnown(epochMinute, limit, mean)) {
			raiseOnce(app, clientId, minute, epochMinute);
		}
	}

	private AlertHit hit(AppId app, String clientId, Minute minute, long epochMinute) {
		AlertsProperties.TokenSurge rule = this.settings.current().tokenSurge();
		Instant start = Instant.ofEpochSecond(epochMinute * 60);
		return new AlertHit(AlertRule.TOKEN_SURGE, app, clientId, 1,
				"More than %d tokens issued in the minute from %s, usually %s a minute".formatted(minute.limit(),
						AlertMail.TIME.format(start), String.format(Locale.ROOT, "%.1f", minute.mean())),
				("The limit for a minute is the larger of %d and %s times the app's mean over the previous 24 hours. "
						+ "Each further minute above its limit adds a hit.")
					.formatted(rule.floor(), String.format(Locale.ROOT, "%.1f", rule.multiple())),
				start);
	}

	/**
	 * Forgets the counts of apps that issued no token in the last few minutes.
	 */
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT5M")
	void forgetIdleApps() {
		long current = this.clock.instant().getEpochSecond() / 60;
		this.minutes.values().removeIf((minute) -> minute.before(current - 2));
	}

	enum Step {

		NOTHING, READ_BASELINE, RAISE

	}

	/**
	 * One app's count in its current minute (the highest shared count this node has
	 * seen), and that minute's limit once known.
	 */
	static final class Minute {

		private long epochMinute = -1;

		private long count;

		private long limit;

		private double mean;

		private boolean limitKnown;

		private boolean reading;

		private boolean raised;

		synchronized Step count(long epochMinute, long counted, int floor) {
			if (epochMinute != this.epochMinute) {
				if (epochMinute < this.epochMinute) {
					// A token of the minute before, counted late: that minute is over.
					return Step.NOTHING;
				}
				this.epochMinute = epochMinute;
				this.count = 0;
				this.limitKnown = false;
				this.reading = false;
				this.raised = false;
			}
			this.count = Math.max(this.count, counted);
			if (this.raised || this.count <= (this.limitKnown ? this.limit : floor)) {
				return Step.NOTHING;
			}
			if (!this.limitKnown) {
				if (this.reading) {
					return Step.NOTHING;
				}
				this.reading = true;
				return Step.READ_BASELINE;
			}
			this.raised = true;
			return Step.RAISE;
		}

		/**
		 * @return whether the count is past the limit already (a hit to raise)
		 */
		synchronized boolean limitKnown(long epochMinute, long limit, double mean) {
			if (epochMinute != this.epochMinute) {
				return false;
			}
			this.limit = limit;
			this.mean = mean;
			this.limitKnown = true;
			this.reading = false;
			if (this.raised || this.count <= limit) {
				return false;
			}
			this.raised = true;
			return true;
		}

		synchronized long limit() {
			return this.limit;
		}

		synchronized double mean() {
			return this.mean;
		}

		synchronized boolean before(long epochMinute) {
			return this.epochMinute < epochMinute;
		}

	}

}
