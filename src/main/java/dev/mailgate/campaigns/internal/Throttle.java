package dev.mailgate.campaigns.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.springframework.stereotype.Component;

/**
 * Keeps this node's campaign messages to {@code mailgate.campaigns.send-rate} per second
 * (0: no limit), whatever number of campaigns are sending: each message waits for its
 * turn.
 */
@Component
class Throttle {

	private volatile double rate;

	private long next = System.nanoTime();

	Throttle(CampaignsProperties properties) {
		this.rate = properties.sendRate();
	}

	/**
	 * Waits until the next message may go.
	 */
	void acquire() {
		double perSecond = this.rate;
		if (perSecond <= 0) {
			return;
		}
		long wait;
		synchronized (this) {
			long now = System.nanoTime();
			// no credit for idle time: no burst after a pause
			long slot = Math.max(this.next, now);
			this.next = slot + (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
			wait = slot - now;
		}
		if (wait > 0) {
			LockSupport.parkNanos(wait);
		}
	}

	/**
	 * Changes the rate at once (messages per second, 0 for none), as a test or an
	 * operator needs it.
	 */
	void rate(double perSecond) {
		this.rate = perSecond;
	}

	double rate() {
		return this.rate;
	}

}
