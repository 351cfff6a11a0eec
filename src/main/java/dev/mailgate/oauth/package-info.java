/**
 * The authorization server: Spring Authorization Server with Mailgate's hashed token
 * store and token formats, the consent page, signing keys and JWKS, the scope catalog,
 * and the bearer token check for the API.
 */
@ApplicationModule(allowedDependencies = { "platform", "apps", "accounts" })
@NullMarked
package dev.mailgate.oauth;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
