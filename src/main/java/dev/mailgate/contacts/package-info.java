/**
 * A workspace's audience: contacts, their custom fields, tags, subscription status and
 * lists, with the marketing API, pages and CSV import and export over them.
 */
@ApplicationModule(allowedDependencies = { "platform", "accounts" })
@NullMarked
package dev.mailgate.contacts;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
