/**
 * Users, workspaces, memberships and roles: sign-up, sign-in, password hashing and the
 * first administrator.
 */
@ApplicationModule(allowedDependencies = "platform")
@NullMarked
package dev.mailgate.accounts;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
