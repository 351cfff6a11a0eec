/**
 * Start-up, data directory, TLS, web layout and error pages, RFC 9457 problems and the
 * clock: what every other module may use.
 */
@NullMarked
package dev.mailgate.platform;

import org.jspecify.annotations.NullMarked;
