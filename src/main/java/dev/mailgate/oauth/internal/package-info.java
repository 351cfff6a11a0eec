@NullMarked
package dev.mailgate.oauth.internal;

import org.jspecify.annotations.NullMarked;
