@NullMarked
package dev.mailgate.audit.internal;

import org.jspecify.annotations.NullMarked;
