package dev.mailgate.apps.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code MAILGATE_BOOTSTRAP_CLIENT_ID} and {@code MAILGATE_BOOTSTRAP_CLIENT_SECRET}: a
 * service app in the bootstrap workspace, allowed every scope, for automation from the
 * first start.
 */
@ConfigurationProperties("mailgate.bootstrap.client")
record BootstrapClientProperties(@Nullable String id, @Nullable String secret) {

	static final int MIN_SECRET_LENGTH = 32;

	boolean given() {
		return (this.id != null && !this.id.isBlank()) || (this.secret != null && !this.secret.isBlank());
	}

}
