package dev.mailgate.campaigns.internal;

import org.jspecify.annotations.Nullable;

/**
 * The {@code If-Match} header (RFC 9110 §13.1.1) as the campaign version it names: strong
 * comparison, {@code *} for any.
 */
final class IfMatchHeader {

	private IfMatchHeader() {
	}

	static @Nullable Long version(@Nullable String header) {
		if (header == null || header.isBlank() || header.strip().equals("*")) {
			return null;
		}
		String tag = header.strip();
		if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
			try {
				return Long.parseLong(tag.substring(1, tag.length() - 1));
			}
			catch (NumberFormatException ex) {
				// not one of ours: fails like any other stale tag
			}
		}
		throw new StaleCampaign("If-Match must name an ETag this API gave out, such as \"3\", or *");
	}

}
