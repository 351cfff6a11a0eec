package dev.mailgate.platform.internal;

import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's firewall with its own header rules, checked without a regular
 * expression where the answer is plain. The firewall checks a header's name and value
 * each time a filter reads one, and every request reads several: the two regular
 * expressions behind those checks were 5 % of an introspection request's CPU in a profile
 * (docs/benchmarks.md). A header Tomcat decoded holds only characters up to U+00FF, where
 * the rule is simple: no control character (C0, DEL, C1), tab allowed in a value.
 * Parameter names take the same rule as header names, as in the firewall. Any other
 * character takes the firewall's own expression, so the answers are the same for every
 * string ({@code HeaderFirewallTests} compares them).
 */
@Configuration(proxyBeanMethods = false)
class HeaderFirewall {

	/** {@code StrictHttpFirewall}'s rule for header and parameter names. */
	static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	/** {@code StrictHttpFirewall}'s rule for header values: the same, and tab. */
	static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	static final Predicate<String> ALLOWED_NAMES = (name) -> allowed(name, false, NAME);

	static final Predicate<String> ALLOWED_VALUES = (value) -> value == null || allowed(value, true, VALUE);

	/**
	 * Spring Security's {@code WebSecurity} takes the application's {@link HttpFirewall}
	 * bean for every filter chain.
	 */
	@Bean
	static HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(ALLOWED_NAMES);
		firewall.setAllowedHeaderValues(ALLOWED_VALUES);
		firewall.setAllowedParameterNames(ALLOWED_NAMES);
		return firewall;
	}

	private static boolean allowed(String text, boolean tab, Pattern rule) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x7f || c == '\t' && tab) {
				continue;
			}
			if (c < 0xa0) {
				// C0 controls, DEL and C1 controls
				return false;
			}
			if (c > 0xff) {
				// beyond Latin-1 (every character of U+00A0 to U+00FF is assigned)
				return rule.matcher(text).matches();
			}
		}
		return true;
	}

}
