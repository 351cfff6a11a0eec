package dev.mailgate.ratelimit.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The operator's form for one app's budgets: a quota and a window (in seconds) for the
 * token endpoint and for the API, each pair left empty for the default.
 */
record AppLimitForm(@Nullable String clientId, @Nullable String tokenQuota, @Nullable String tokenWindow,
		@Nullable String apiQuota, @Nullable String apiWindow) {

	static AppLimitForm empty() {
		return new AppLimitForm("", "", "", "", "");
	}

	/**
	 * The budgets the form asks for, or what is wrong with it, by field.
	 */
	Checked check() {
		Map<String, String> errors = new LinkedHashMap<>();
		if (blank(this.clientId)) {
			errors.put("clientId", "Enter the app's client ID.");
		}
		Budget token = budget(Policies.TOKEN_ENDPOINT, "token", this.tokenQuota, this.tokenWindow, errors);
		Budget api = budget(Policies.API, "api", this.apiQuota, this.apiWindow, errors);
		if (errors.isEmpty() && token == null && api == null) {
			errors.put("form",
					"Set at least one of the two budgets. To go back to the defaults, clear the app's limits.");
		}
		return new Checked(token, api, errors);
	}

	private static @Nullable Budget budget(String name, String field, @Nullable String quota, @Nullable String window,
			Map<String, String> errors) {
		if (blank(quota) && blank(window)) {
			return null;
		}
		Long requests = number(quota, 1, Budget.LARGEST_QUOTA);
		Long seconds = number(window, 1, Budget.LONGEST_WINDOW.toSeconds());
		if (requests == null) {
			errors.put(field + "Quota", "Enter a whole number of requests from 1 to 1,000,000,000.");
		}
		if (seconds == null) {
			errors.put(field + "Window", "Enter a window of 1 to 86,400 seconds (a day).");
		}
		return (requests != null && seconds != null) ? Budget.of(name, requests, Duration.ofSeconds(seconds)) : null;
	}

	private static @Nullable Long number(@Nullable String text, long least, long most) {
		if (blank(text)) {
			return null;
		}
		try {
			long value = Long.parseLong(text.strip().replace(",", "").replace("_", ""));
			return (value >= least && value <= most) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	record Checked(@Nullable Budget tokenEndpoint, @Nullable Budget api, Map<String, String> errors) {
	}

}
