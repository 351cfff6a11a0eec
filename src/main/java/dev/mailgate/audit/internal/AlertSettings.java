package dev.mailgate.audit.internal;

import org.springframework.stereotype.Component;

/**
 * The alert settings in use: those configured at start, or others set at runtime (tests
 * tighten thresholds and choose actions this way, without a new application context).
 */
@Component
class AlertSettings {

	private final AlertsProperties configured;

	private volatile AlertsProperties current;

	AlertSettings(AlertsProperties configured) {
		this.configured = configured;
		this.current = configured;
	}

	AlertsProperties current() {
		return this.current;
	}

	void use(AlertsProperties settings) {
		this.current = settings;
	}

	/**
	 * Back to the configured settings.
	 */
	void reset() {
		this.current = this.configured;
	}

}
