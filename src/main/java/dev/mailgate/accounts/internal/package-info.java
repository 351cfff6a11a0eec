@NullMarked
package dev.mailgate.accounts.internal;

import org.jspecify.annotations.NullMarked;
