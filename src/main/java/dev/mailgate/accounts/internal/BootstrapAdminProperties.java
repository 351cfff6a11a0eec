package dev.mailgate.accounts.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code MAILGATE_BOOTSTRAP_ADMIN_EMAIL} and {@code MAILGATE_BOOTSTRAP_ADMIN_PASSWORD}:
 * the first administrator, created on a database that has none.
 */
@ConfigurationProperties("mailgate.bootstrap.admin")
record BootstrapAdminProperties(@Nullable String email, @Nullable String password) {

	boolean given() {
		return hasText(this.email) || hasText(this.password);
	}

	static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
