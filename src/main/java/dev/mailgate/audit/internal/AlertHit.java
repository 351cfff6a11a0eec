package dev.mailgate.audit.internal;

import java.time.Instant;

import dev.mailgate.apps.AppId;

/**
 * A rule saw its pattern for an app: a new alert, or more hits on the one still open.
 *
 * @param hits how many events this adds (the failures of a burst, one reuse, one minute
 * above the limit)
 * @param summary what happened, in one sentence, never a credential
 * @param detail where it came from and what it means
 */
record AlertHit(AlertRule rule, AppId app, String clientId, int hits, String summary, String detail, Instant at) {

	/**
	 * This hit with a later one's hits added (what it says stays the first one's).
	 */
	AlertHit plus(AlertHit later) {
		return new AlertHit(this.rule, this.app, this.clientId, this.hits + later.hits, this.summary, this.detail,
				this.at);
	}

}
