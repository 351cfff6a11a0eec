/**
 * Integrations: the outside platforms Mailgate is an OAuth client of (CRMs, social and
 * analytics tools), the accounts workspaces connect there with their tokens encrypted,
 * refresh, and the jobs that use them (contacts in, campaigns out, engagement out).
 */
@ApplicationModule(allowedDependencies = { "platform", "accounts", "contacts", "campaigns" })
@NullMarked
package dev.mailgate.integrations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
