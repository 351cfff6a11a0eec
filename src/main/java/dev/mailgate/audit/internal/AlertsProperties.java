package dev.mailgate.audit.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alert rules' thresholds and actions ({@code mailgate.alerts.*}, documented in
 * docs/security-monitoring.md). {@link AlertSettings} holds the ones in use, which can
 * change at runtime.
 *
 * @param repeatWindow how long an open alert takes further hits of its rule and app
 * instead of a new alert being raised
 */
@ConfigurationProperties("mailgate.alerts")
record AlertsProperties(@DefaultValue FailedClientAuth failedClientAuth,
		@DefaultValue RefreshTokenReuse refreshTokenReuse, @DefaultValue TokenSurge tokenSurge,
		@DefaultValue RetiredSecret retiredSecret, @DefaultValue("1h") Duration repeatWindow) {

	AlertAction actionFor(AlertRule rule) {
		return switch (rule) {
			case FAILED_CLIENT_AUTH_BURST -> this.failedClientAuth.action();
			case REFRESH_TOKEN_REUSE -> this.refreshTokenReuse.action();
			case TOKEN_SURGE -> this.tokenSurge.action();
			case RETIRED_SECRET_USED -> this.retiredSecret.action();
		};
	}

	/**
	 * At least {@code threshold} failed client authentications of one app within
	 * {@code window}.
	 */
	record FailedClientAuth(@DefaultValue("10") int threshold, @DefaultValue("5m") Duration window,
			@DefaultValue("none") AlertAction action) {
	}

	/**
	 * Any spent refresh token presented again.
	 */
	record RefreshTokenReuse(@DefaultValue("none") AlertAction action) {
	}

	/**
	 * More tokens for one app in a minute than {@code floor} and than {@code multiple}
	 * times its mean per minute over the previous 24 hours.
	 */
	record TokenSurge(@DefaultValue("300") int floor, @DefaultValue("10") double multiple,
			@DefaultValue("none") AlertAction action) {
	}

	/**
	 * Any revoked, expired or rotated-out client secret presented.
	 */
	record RetiredSecret(@DefaultValue("none") AlertAction action) {
	}

}
