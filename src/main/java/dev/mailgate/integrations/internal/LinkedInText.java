package dev.mailgate.integrations.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LinkedIn's "little text" format of a post's commentary, where some characters mark up
 * mentions, hashtags and formatting: a person's text is sent with each of them escaped,
 * so that it shows as typed (and a stray {@code @} or {@code #} does not become a broken
 * mention or hashtag). See
 * learn.microsoft.com/linkedin/marketing/community-management/shares/little-text-format.
 */
final class LinkedInText {

	private static final Pattern RESERVED = Pattern.compile("[\\\\|{}@\\[\\]()<>#*_~]");

	private LinkedInText() {
	}

	static String escape(String text) {
		return RESERVED.matcher(text).replaceAll((match) -> Matcher.quoteReplacement("\\" + match.group()));
	}

}
