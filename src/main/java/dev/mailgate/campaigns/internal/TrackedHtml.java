package dev.mailgate.campaigns.internal;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * The changes a campaign's HTML goes through for each recipient: every {@code http(s)}
 * link sent through click tracking, the visible unsubscribe link and the open pixel added
 * before {@code </body>}. Anchors, {@code mailto:} links and the unsubscribe link itself
 * stay as written.
 */
final class TrackedHtml {

	private static final Pattern HREF = Pattern.compile("(?i)(<a\\b[^>]*?\\bhref\\s*=\\s*)([\"'])(.*?)\\2");

	private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

	private TrackedHtml() {
	}

	/**
	 * @param track a link's tracked replacement
	 * @param keep a link that stays as written (the unsubscribe link)
	 */
	static String rewriteLinks(String html, String keep, UnaryOperator<String> track) {
		Matcher href = HREF.matcher(html);
		StringBuilder out = new StringBuilder(html.length() + 256);
		while (href.find()) {
			String url = HtmlUtils.htmlUnescape(href.group(3)).strip();
			String lower = url.toLowerCase(java.util.Locale.ROOT);
			boolean tracked = (lower.startsWith("http://") || lower.startsWith("https://")) && !url.equals(keep);
			String replacement = tracked
					? href.group(1) + href.group(2) + HtmlUtils.htmlEscape(track.apply(url)) + href.group(2)
					: href.group();
			href.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		href.appendTail(out);
		return out.toString();
	}

	/**
	 * Puts {@code html} (such as the open pixel) just before {@code </body>}, or at the
	 * end of a fragment without one.
	 */
	static String beforeBodyEnd(String document, String html) {
		Matcher end = BODY_END.matcher(document);
		int at = -1;
		while (end.find()) {
			at = end.start();
		}
		return (at < 0) ? document + html : document.substring(0, at) + html + document.substring(at);
	}

	/**
	 * Puts the preheader, the line inboxes show after the subject, first in the body,
	 * hidden from the message itself.
	 */
	static String withPreheader(String document, String preheader) {
		if (preheader.isBlank()) {
			return document;
		}
		String hidden = "<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\">"
				+ HtmlUtils.htmlEscape(preheader) + "</div>";
		Matcher body = Pattern.compile("(?i)<body\\b[^>]*>").matcher(document);
		return body.find() ? document.substring(0, body.end()) + hidden + document.substring(body.end())
				: hidden + document;
	}

	static String unsubscribeFooter(String url) {
		return "<p style=\"font-size:12px;color:#6b7280;margin-top:32px\">Don't want these emails? <a href=\""
				+ HtmlUtils.htmlEscape(url) + "\">Unsubscribe</a>.</p>";
	}

	static String pixel(String url) {
		return "<img src=\"" + HtmlUtils.htmlEscape(url)
				+ "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">";
	}

}
