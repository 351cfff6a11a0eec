package dev.mailgate.campaigns.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.HtmlUtils;

/**
 * Merge tags in a campaign's subject and bodies: {@code {{first_name}}}, a custom field
 * by its key ({@code {{company_size}}}), with a default after a bar for contacts that
 * have no value ({@code {{first_name|there}}}). In HTML, values are escaped, so a
 * contact's name cannot inject markup.
 */
final class MergeTags {

	static final Pattern TAG = Pattern.compile("\\{\\{\\s*([a-zA-Z0-9_]+)\\s*(?:\\|([^}]*))?\\}\\}");

	private MergeTags() {
	}

	/**
	 * Replaces every tag with the contact's value, or its default, or nothing.
	 * @param values a tag's value for the recipient, or {@code null} when they have none
	 * @param html whether the template is HTML (values and defaults are escaped)
	 */
	static String render(String template, Function<String, @Nullable String> values, boolean html) {
		Matcher tag = TAG.matcher(template);
		StringBuilder out = new StringBuilder(template.length() + 64);
		while (tag.find()) {
			String value = values.apply(tag.group(1));
			if (value == null || value.isEmpty()) {
				value = (tag.group(2) != null) ? tag.group(2).strip() : "";
			}
			tag.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
		}
		tag.appendTail(out);
		return out.toString();
	}

	/**
	 * The tag names a template uses, in order of first use.
	 */
	static Set<String> names(String template) {
		Set<String> names = new LinkedHashSet<>();
		Matcher tag = TAG.matcher(template);
		while (tag.find()) {
			names.add(tag.group(1));
		}
		return names;
	}

}
