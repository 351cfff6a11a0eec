package dev.mailgate.contacts;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, and the cursor of the next one ({@code null} on the last).
 */
public record Page<T>(List<T> data, @Nullable String nextCursor) {
}
