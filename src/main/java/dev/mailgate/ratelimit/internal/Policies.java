package dev.mailgate.ratelimit.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which budget applies: the configured defaults, or an app's own where an operator set
 * one. Both are held in memory and replaced whole when they change, so a look-up is a map
 * read.
 */
final class Policies {

	static final String TOKEN_ENDPOINT = "token-endpoint";

	static final String API = "api";

	static final String SIGN_IN_IP = "sign-in-ip";

	static final String SIGN_IN_ACCOUNT = "sign-in-account";

	static final String CLIENT_AUTH_IP = "client-auth-ip";

	static final String CLIENT_AUTH_CLIENT = "client-auth-client";

	private volatile Defaults defaults;

	private volatile Map<String, AppLimit> apps = Map.of();

	Policies(Defaults defaults) {
		this.defaults = defaults;
	}

	Budget tokenEndpoint(String clientId) {
		AppLimit app = this.apps.get(clientId);
		Budget budget = (app != null) ? app.tokenEndpoint() : null;
		return (budget != null) ? budget : this.defaults.tokenEndpoint();
	}

	Budget api(String clientId) {
		AppLimit app = this.apps.get(clientId);
		Budget budget = (app != null) ? app.api() : null;
		return (budget != null) ? budget : this.defaults.api();
	}

	Budget signInPerIp() {
		return this.defaults.signInPerIp();
	}

	Budget signInPerAccount() {
		return this.defaults.signInPerAccount();
	}

	Budget clientAuthPerIp() {
		return this.defaults.clientAuthPerIp();
	}

	Budget clientAuthPerClient() {
		return this.defaults.clientAuthPerClient();
	}

	Defaults defaults() {
		return this.defaults;
	}

	/**
	 * Replaces the defaults while running (the integration tests tighten them for a
	 * moment without starting another context).
	 */
	void useDefaults(Defaults defaults) {
		this.defaults = defaults;
	}

	void useAppLimits(Map<String, AppLimit> apps) {
		this.apps = Map.copyOf(apps);
	}

	@Nullable AppLimit appLimit(String clientId) {
		return this.apps.get(clientId);
	}

	/**
	 * The budgets of every app without one of its own, and of every address and account.
	 */
	record Defaults(Budget tokenEndpoint, Budget api, Budget signInPerIp, Budget signInPerAccount,
			Budget clientAuthPerIp, Budget clientAuthPerClient) {

		static Defaults of(RateLimitProperties properties) {
			return new Defaults(properties.tokenEndpoint().budget(TOKEN_ENDPOINT), properties.api().budget(API),
					properties.signIn().perIp().budget(SIGN_IN_IP),
					properties.signIn().perAccount().budget(SIGN_IN_ACCOUNT),
					properties.clientAuthFailures().perIp().budget(CLIENT_AUTH_IP),
					properties.clientAuthFailures().perClient().budget(CLIENT_AUTH_CLIENT));
		}

	}

}
