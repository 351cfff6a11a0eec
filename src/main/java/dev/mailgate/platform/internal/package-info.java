@NullMarked
package dev.mailgate.platform.internal;

import org.jspecify.annotations.NullMarked;
