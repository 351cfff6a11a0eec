/**
 * The {@code mailgate} admin command line: a client of the REST API, depending on no
 * other module.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.mailgate.cli;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
