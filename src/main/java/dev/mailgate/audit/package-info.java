/**
 * The append-only log of security events, the alert rules that act on them, the security
 * dashboard and Mailgate's own metrics. It listens to every module; none depends on it.
 */
@ApplicationModule(
		allowedDependencies = { "platform", "apps", "accounts", "oauth", "ratelimit", "integrations", "campaigns" })
@NullMarked
package dev.mailgate.audit;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
