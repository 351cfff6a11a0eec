/**
 * The rate limits' buckets, stores, filters and the operator's page.
 */
@NullMarked
package dev.mailgate.ratelimit.internal;

import org.jspecify.annotations.NullMarked;
