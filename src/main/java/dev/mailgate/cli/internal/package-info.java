@NullMarked
package dev.mailgate.cli.internal;

import org.jspecify.annotations.NullMarked;
