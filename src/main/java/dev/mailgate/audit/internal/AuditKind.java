package dev.mailgate.audit.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of security event the audit log keeps (the {@code kind} column), each with
 * the category the page groups it under, a label a person reads, and its outcome.
 */
public enum AuditKind {

	APP_REGISTERED("app.registered", AuditCategory.APPS, "App registered", AuditOutcome.SUCCESS),

	APP_UPDATED("app.updated", AuditCategory.APPS, "App settings changed", AuditOutcome.SUCCESS),

	APP_DELETED("app.deleted", AuditCategory.APPS, "App deleted", AuditOutcome.SUCCESS),

	APP_SUSPENDED("app.suspended", AuditCategory.APPS, "App suspended", AuditOutcome.SUCCESS),

	APP_RESUMED("app.resumed", AuditCategory.APPS, "App resumed", AuditOutcome.SUCCESS),

	SECRET_CREATED("secret.created", AuditCategory.SECRETS, "Client secret created", AuditOutcome.SUCCESS),

	SECRET_ROTATED("secret.rotated", AuditCategory.SECRETS, "Client secret rotated", AuditOutcome.SUCCESS),

	SECRET_REVOKED("secret.revoked", AuditCategory.SECRETS, "Client secret revoked", AuditOutcome.SUCCESS),

	SECRET_EXPIRED("secret.expired", AuditCategory.SECRETS, "Client secret expired", AuditOutcome.SUCCESS),

	SECRET_LEAKED("secret.leaked", AuditCategory.SECRETS, "Credential reported leaked", AuditOutcome.SUCCESS),

	SECRET_RETIRED_USED("secret.retired_used", AuditCategory.SECRETS, "Retired secret presented", AuditOutcome.REFUSED),

	SIGNING_KEYS_ROTATED("signing_keys.rotated", AuditCategory.SECRETS, "Signing keys rotated", AuditOutcome.SUCCESS),

	CONSENT_GRANTED("consent.granted", AuditCategory.ACCESS, "Access granted to an app", AuditOutcome.SUCCESS),

	GRANT_REVOKED("grant.revoked", AuditCategory.ACCESS, "Access revoked", AuditOutcome.SUCCESS),

	TOKEN_ISSUED("token.issued", AuditCategory.ACCESS, "Access tokens issued", AuditOutcome.SUCCESS),

	TOKEN_REVOKED("token.revoked", AuditCategory.ACCESS, "Token revoked by the app", AuditOutcome.SUCCESS),

	REFRESH_TOKEN_REUSED("refresh_token.reused", AuditCategory.ACCESS, "Used refresh token presented again",
			AuditOutcome.REFUSED),

	CLIENT_AUTH_FAILED("client_auth.failed", AuditCategory.SIGN_INS, "App authentication failed", AuditOutcome.FAILURE),

	SIGNIN_SUCCEEDED("signin.succeeded", AuditCategory.SIGN_INS, "Signed in", AuditOutcome.SUCCESS),

	SIGNIN_FAILED("signin.failed", AuditCategory.SIGN_INS, "Sign-in failed", AuditOutcome.FAILURE),

	RATELIMIT_HIT("ratelimit.hit", AuditCategory.LIMITS, "Rate limit hit", AuditOutcome.REFUSED),

	RATELIMIT_CHANGED("ratelimit.changed", AuditCategory.LIMITS, "App rate limits changed", AuditOutcome.SUCCESS),

	RATELIMIT_STORE_DOWN("ratelimit.store_down", AuditCategory.LIMITS, "Rate limit store unreachable",
			AuditOutcome.FAILURE),

	ALERT_RAISED("alert.raised", AuditCategory.ALERTS, "Alert raised", AuditOutcome.SUCCESS),

	PROVIDER_ADDED("integration.provider_added", AuditCategory.INTEGRATIONS, "Integration provider added",
			AuditOutcome.SUCCESS),

	PROVIDER_UPDATED("integration.provider_updated", AuditCategory.INTEGRATIONS, "Integration provider changed",
			AuditOutcome.SUCCESS),

	PROVIDER_SECRET_REPLACED("integration.provider_secret_replaced", AuditCategory.INTEGRATIONS,
			"Provider's client secret replaced", AuditOutcome.SUCCESS),

	PROVIDER_REMOVED("integration.provider_removed", AuditCategory.INTEGRATIONS, "Integration provider removed",
			AuditOutcome.SUCCESS),

	ACCOUNT_CONNECTED("integration.connected", AuditCategory.INTEGRATIONS, "Account connected", AuditOutcome.SUCCESS),

	RECONNECT_NEEDED("integration.reconnect_needed", AuditCategory.INTEGRATIONS, "Connection needs reconnecting",
			AuditOutcome.FAILURE),

	ACCOUNT_DISCONNECTED("integration.disconnected", AuditCategory.INTEGRATIONS, "Account disconnected",
			AuditOutcome.SUCCESS),

	CONTACT_SYNC_FINISHED("integration.sync_finished", AuditCategory.INTEGRATIONS, "Contact sync finished",
			AuditOutcome.SUCCESS),

	CONTACT_SYNC_FAILED("integration.sync_failed", AuditCategory.INTEGRATIONS, "Contact sync failed",
			AuditOutcome.FAILURE),

	CAMPAIGN_SHARED("integration.campaign_shared", AuditCategory.INTEGRATIONS, "Campaign shared", AuditOutcome.SUCCESS);

	private final String value;

	private final AuditCategory category;

	private final String label;

	private final AuditOutcome outcome;

	AuditKind(String value, AuditCategory category, String label, AuditOutcome outcome) {
		this.value = value;
		this.category = category;
		this.label = label;
		this.outcome = outcome;
	}

	/**
	 * The kind as stored, such as {@code app.registered}.
	 */
	public String value() {
		return this.value;
	}

	AuditCategory category() {
		return this.category;
	}

	public String label() {
		return this.label;
	}

	AuditOutcome outcome() {
		return this.outcome;
	}

	static Optional<AuditKind> of(String value) {
		return Arrays.stream(values()).filter((kind) -> kind.value.equals(value)).findFirst();
	}

	/**
	 * The kinds a filter value names: one kind ({@code secret.rotated}) or every kind of
	 * a category ({@code secrets}).
	 */
	static Optional<List<String>> named(String kindOrCategory) {
		Optional<AuditKind> kind = of(kindOrCategory);
		if (kind.isPresent()) {
			return Optional.of(List.of(kind.get().value));
		}
		return AuditCategory.of(kindOrCategory).map(AuditCategory::kinds);
	}

}
