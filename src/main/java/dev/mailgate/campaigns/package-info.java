/**
 * Campaigns: content with merge tags, the audience, SMTP delivery that survives restarts,
 * open and click tracking, unsubscribe, reports and public archive pages.
 */
@ApplicationModule(allowedDependencies = { "platform", "accounts", "contacts" })
@NullMarked
package dev.mailgate.campaigns;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
