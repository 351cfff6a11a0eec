package dev.mailgate.campaigns.internal;

import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * A plain-text version of a campaign's HTML, for the text part of messages whose author
 * wrote none: paragraphs and line breaks kept, links written out after their text.
 */
final class HtmlText {

	private static final Pattern INVISIBLE = Pattern.compile("(?is)<(head|style|script|title)\\b.*?</\\1\\s*>");

	private static final Pattern LINK = Pattern
		.compile("(?is)<a\\b[^>]*?\\bhref\\s*=\\s*([\"'])(https?://[^\"']*)\\1[^>]*>(.*?)</a\\s*>");

	private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");

	private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|h[1-6]|li|tr|table|blockquote)\\s*>");

	private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

	private HtmlText() {
	}

	static String of(String html) {
		String text = INVISIBLE.matcher(html).replaceAll("");
		text = LINK.matcher(text).replaceAll((link) -> {
			String label = TAG.matcher(link.group(3)).replaceAll("").strip();
			String url = link.group(2);
			return java.util.regex.Matcher
				.quoteReplacement(label.isEmpty() || label.equals(url) ? url : label + " (" + url + ")");
		});
		text = BREAK.matcher(text).replaceAll("\n");
		text = BLOCK_END.matcher(text).replaceAll("\n\n");
		text = TAG.matcher(text).replaceAll("");
		text = HtmlUtils.htmlUnescape(text);
		text = text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\n *", "\n").replaceAll("\n{3,}", "\n\n");
		return text.strip();
	}

}
