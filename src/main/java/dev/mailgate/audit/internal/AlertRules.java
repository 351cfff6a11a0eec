package dev.mailgate.audit.internal;

import java.time.Duration;

import dev.mailgate.apps.AppEvents;
import dev.mailgate.oauth.OAuthEvents;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Three of the alert rules, straight from the events: a burst of failed client
 * authentications of one app, a reused refresh token, a retired secret presented. (The
 * fourth, issuance far above an app's usual rate, is {@link AlertTokenRates}.) Each
 * listener does in-memory work or an unawaited write to the shared counters only, and
 * hands hits to the alert thread.
 */
@Component
class AlertRules {

	private final AlertSettings settings;

	private final AlertBursts bursts;

	private final AlertRaising raising;

	AlertRules(AlertSettings settings, AlertBursts bursts, AlertRaising raising) {
		this.settings = settings;
		this.bursts = bursts;
		this.raising = raising;
	}

	/**
	 * Failures with a client id that belongs to no app are not counted here: there is no
	 * app whose owners could act (the rate limits slow such callers down).
	 */
	@EventListener
	void on(OAuthEvents.ClientAuthenticationFailed failed) {
		if (failed.app() == null || failed.clientId() == null) {
			return;
		}
		AlertsProperties.FailedClientAuth rule = this.settings.current().failedClientAuth();
		this.bursts.record(failed.app(), failed.at(), failed.address(), rule.threshold(), rule.window())
			.thenAccept((burst) -> burst(failed, rule, burst));
	}

	private void burst(OAuthEvents.ClientAuthenticationFailed failed, AlertsProperties.FailedClientAuth rule,
			AlertBursts.Burst burst) {
		if (burst.hits() == 0 || failed.app() == null || failed.clientId() == null) {
			return;
		}
		this.raising.raise(new AlertHit(AlertRule.FAILED_CLIENT_AUTH_BURST, failed.app(), failed.clientId(),
				burst.hits(),
				"%d failed client authentications within %s".formatted(rule.threshold(), minutes(rule.window())),
				"The client ID was presented with a wrong or retired secret, from "
						+ (burst.addresses().isEmpty() ? "an unknown address" : String.join(", ", burst.addresses()))
						+ ". Each further failure while the burst lasts adds a hit.",
				failed.at()));
	}

	@EventListener
	void on(OAuthEvents.RefreshTokenReused reused) {
		this.raising.raise(new AlertHit(AlertRule.REFRESH_TOKEN_REUSE, reused.app(), reused.clientId(), 1,
				"A refresh token was presented again after it had been exchanged",
				"Someone else may hold a copy of the token (RFC 9700 §4.14.2). Mailgate revoked every access "
						+ "and refresh token of that grant at once.",
				reused.at()));
	}

	@EventListener
	void on(AppEvents.RetiredSecretPresented presented) {
		this.raising.raise(new AlertHit(AlertRule.RETIRED_SECRET_USED, presented.app(), presented.clientId(), 1,
				"Client secret %s… was presented after it stopped working on %s".formatted(presented.secretPrefix(),
						AlertMail.TIME.format(presented.endedAt())),
				"It was refused. It came from "
						+ ((presented.address() != null) ? presented.address() : "an unknown address") + ".",
				presented.at()));
	}

	static String minutes(Duration window) {
		long seconds = window.toSeconds();
		if (seconds % 60 != 0) {
			return seconds + " seconds";
		}
		return (seconds == 60) ? "1 minute" : (seconds / 60) + " minutes";
	}

}
