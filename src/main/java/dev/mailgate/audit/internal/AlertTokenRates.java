package dev.mailgate.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.mailgate.apps.AppId;
import dev.mailgate.oauth.OAuthEvents;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The token surge rule: an app's tokens in the current minute above the larger of a floor
 * and a multiple of its usual rate ({@link AlertBaseline}).
 *
 * <p>
 * {@link OAuthEvents.TokenIssued} comes once per token on the token endpoint's hot path,
 * so counting is a map look-up and an increment under the app's own lock. Below the floor
 * nothing else happens. The first time in a minute that an app passes the floor, its
 * baseline is read on the alert thread (so at most once per app and minute, never on the
 * request thread); from then on, that minute's count is compared with the limit in
 * memory, and crossing it raises one hit.
 */
@Component
class AlertTokenRates {

	private final Map<AppId, Minute> minutes = new ConcurrentHashMap<>();

	private final AlertSettings settings;

	private final AlertBaseline baseline;

	private final AlertQueue queue;

	private final AlertRaising raising;

	private final Clock clock;

	AlertTokenRates(AlertSettings settings, AlertBaseline baseline, AlertQueue queue, AlertRaising raising,
			Clock clock) {
		this.settings = settings;
		this.baseline = baseline;
		this.queue = queue;
		this.raising = raising;
		this.clock = clock;
	}

	@EventListener
	void on(OAuthEvents.TokenIssued issued) {
		Minute minute = this.minutes.get(issued.app());
		if (minute == null) {
			minute = this.minutes.computeIfAbsent(issued.app(), (app) -> new Minute());
		}
		long epochMinute = issued.at().getEpochSecond() / 60;
		Step step = minute.count(epochMinute, this.settings.current().tokenSurge().floor());
		if (step == Step.READ_BASELINE) {
			Minute counted = minute;
			this.queue.execute(() -> checkBaseline(issued.app(), issued.clientId(), counted, epochMinute));
		}
		else if (step == Step.RAISE) {
			this.raising.raise(hit(issued.app(), issued.clientId(), minute, epochMinute));
		}
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
			this.raising.raiseNow(hit(app, clientId, minute, epochMinute));
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
	 * One app's count in its current minute, and that minute's limit once known.
	 */
	static final class Minute {

		private long epochMinute = -1;

		private int count;

		private long limit;

		private double mean;

		private boolean limitKnown;

		private boolean reading;

		private boolean raised;

		synchronized Step count(long epochMinute, int floor) {
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
			this.count++;
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
