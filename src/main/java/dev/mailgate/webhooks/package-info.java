/**
 * Webhooks for apps: subscriptions to contact, campaign and engagement events, deliveries
 * signed the Standard Webhooks way, retried with backoff, and a delivery log.
 */
@ApplicationModule(allowedDependencies = { "platform", "accounts", "apps", "oauth", "contacts", "campaigns" })
@NullMarked
package dev.mailgate.webhooks;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
