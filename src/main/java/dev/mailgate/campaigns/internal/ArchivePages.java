package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Public archive pages: a sent campaign whose marketer made it public, as anyone may see
 * it, without anyone's personal data. Merge tags become their defaults (or nothing), and
 * the message is the campaign's own content, not a recipient's copy: no tracking pixel,
 * no tracked links, no working unsubscribe link.
 */
@Component
class ArchivePages {

	private static final Pattern DOCTYPE = Pattern.compile("^\\s*<!doctype[^>]*>", Pattern.CASE_INSENSITIVE);

	private static final Pattern TAGS = Pattern.compile("<[^>]*>");

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final String base;

	ArchivePages(JdbcClient jdbc, Accounts accounts,
			@Value("${mailgate.issuer:https://localhost:8443}") String issuer) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.base = issuer.replaceAll("/+$", "");
	}

	/**
	 * The page of a sent, public campaign; any other slug is not found.
	 */
	Optional<ArchivePage> find(String slug) {
		return this.jdbc.sql("""
				select workspace_id, subject, preheader, html_body, text_body, sent_at from campaigns_campaigns
				where archive_slug = ? and status = 'SENT' and archive_public = true""")
			.param(slug)
			.query((rs, row) -> page(slug, new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
					rs.getString("subject"), rs.getString("preheader"), rs.getString("html_body"),
					rs.getString("text_body"), Timestamps.instant(rs, "sent_at")))
			.optional();
	}

	private ArchivePage page(String slug, WorkspaceId workspace, String subject, String preheader, String html,
			String text, @Nullable Instant sentAt) {
		String title = MergeTags.render(subject, (name) -> null, false).strip();
		String plain = MergeTags.render(text, (name) -> null, false);
		String description = MergeTags.render(preheader, (name) -> null, false).strip();
		if (description.isEmpty()) {
			description = summary(plain.isBlank() ? HtmlUtils.htmlUnescape(TAGS.matcher(html).replaceAll(" ")) : plain);
		}
		String content = html.isBlank() ? "<div style=\"white-space: pre-wrap; font-family: sans-serif\">"
				+ HtmlUtils.htmlEscape(plain) + "</div>" : MergeTags.render(html, (name) -> null, true);
		String url = this.base + "/archive/" + slug;
		return new ArchivePage(slug, title.isEmpty() ? "A campaign" : title, description, url,
				this.accounts.workspaceName(workspace).orElse("Mailgate"), sentAt, linksInNewTabs(content));
	}

	/**
	 * A {@code <base target>} so that the message's links open outside its frame.
	 */
	static String linksInNewTabs(String html) {
		var doctype = DOCTYPE.matcher(html);
		if (doctype.find()) {
			return html.substring(0, doctype.end()) + "<base target=\"_blank\">" + html.substring(doctype.end());
		}
		return "<base target=\"_blank\">" + html;
	}

	/**
	 * The first 200 characters of the text, on a word boundary.
	 */
	static String summary(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		if (flat.length() <= 200) {
			return flat;
		}
		int cut = flat.lastIndexOf(' ', 199);
		return flat.substring(0, (cut > 100) ? cut : 199) + "…";
	}

	/**
	 * @param url the page's own address, for sharing and {@code og:url}
	 * @param site the workspace's name
	 * @param content the message's HTML, served apart in a sandboxed frame
	 */
	record ArchivePage(String slug, String title, String description, String url, String site, @Nullable Instant sentAt,
			String content) {

		public String linkedIn() {
			return share("https://www.linkedin.com/sharing/share-offsite/", "url", null);
		}

		public String x() {
			return share("https://x.com/intent/post", "url", this.title);
		}

		public String facebook() {
			return share("https://www.facebook.com/sharer/sharer.php", "u", null);
		}

		public String sent() {
			return (this.sentAt != null) ? java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
				.withZone(java.time.ZoneOffset.UTC)
				.format(this.sentAt) : "";
		}

		private String share(String endpoint, String parameter, @Nullable String text) {
			UriComponentsBuilder link = UriComponentsBuilder.fromUriString(endpoint).queryParam(parameter, "{url}");
			if (text != null) {
				link.queryParam("text", "{text}");
				return link.encode().buildAndExpand(this.url, text).toUriString();
			}
			return link.encode().buildAndExpand(this.url).toUriString();
		}

	}

}
