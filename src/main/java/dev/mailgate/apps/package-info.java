/**
 * Registered apps (OAuth clients), their redirect URIs and their client secrets.
 */
@ApplicationModule(allowedDependencies = { "platform", "accounts" })
@NullMarked
package dev.mailgate.apps;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
