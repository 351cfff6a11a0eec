@NullMarked
package dev.mailgate.apps.internal;

import org.jspecify.annotations.NullMarked;
