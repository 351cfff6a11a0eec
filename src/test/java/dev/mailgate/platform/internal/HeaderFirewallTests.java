package dev.mailgate.platform.internal;

import java.lang.reflect.Field;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The firewall's header rules without a regular expression give the same answer as Spring
 * Security's expressions for every string, so they refuse exactly what the firewall
 * refused before.
 */
class HeaderFirewallTests {

	@Test
	void theExpressionsAreSpringSecuritysOwn() throws ReflectiveOperationException {
		// should a Spring Security upgrade change its rules, this fails and the fast
		// path is written again for them
		assertThat(firewallPattern("ASSIGNED_AND_NOT_ISO_CONTROL_PATTERN")).isEqualTo(HeaderFirewall.NAME.pattern());
		assertThat(firewallPattern("HEADER_VALUE_PATTERN")).isEqualTo(HeaderFirewall.VALUE.pattern());
	}

	@Test
	void everyCharacterGetsTheFirewallsAnswer() {
		for (int c = 0; c <= Character.MAX_VALUE; c++) {
			String alone = String.valueOf((char) c);
			assertSameAnswers(alone);
			assertSameAnswers("Bearer " + alone + " x");
		}
	}

	@Test
	void everyCodePointBeyondTheBasicPlaneGetsTheFirewallsAnswer() {
		for (int c = Character.MIN_SUPPLEMENTARY_CODE_POINT; c <= Character.MAX_CODE_POINT; c += 7) {
			assertSameAnswers("n" + Character.toString(c) + "\u00e9");
		}
	}

	@Test
	void randomTextGetsTheFirewallsAnswer() {
		SplittableRandom random = new SplittableRandom(20261202);
		char[] mostlyLatin = new char[24];
		for (int i = 0; i < 200_000; i++) {
			for (int j = 0; j < mostlyLatin.length; j++) {
				int kind = random.nextInt(10);
				mostlyLatin[j] = (char) ((kind < 7) ? random.nextInt(0x20, 0x7f)
						: (kind < 9) ? random.nextInt(0x100) : random.nextInt(Character.MAX_VALUE + 1));
			}
			assertSameAnswers(new String(mostlyLatin, 0, random.nextInt(mostlyLatin.length + 1)));
		}
	}

	@Test
	void aControlCharacterInAHeaderValueIsRefusedAndTabIsNot() {
		HttpFirewall firewall = HeaderFirewall.httpFirewall();

		// RFC 9110 §5.5: a field value holds visible characters, spaces and tabs;
		// obs-text
		// (U+0080 to U+00FF) is allowed by HTTP, its C1 controls are not by the firewall
		assertThat(firewall.getFirewalledRequest(request("X-Note", "caf\u00e9\tau lait")).getHeader("X-Note"))
			.isEqualTo("caf\u00e9\tau lait");
		for (String value : new String[] { "a\u0001b", "a\u007fb", "a\u0085b" }) {
			assertThatExceptionOfType(RequestRejectedException.class)
				.isThrownBy(() -> firewall.getFirewalledRequest(request("X-Note", value)).getHeader("X-Note"));
		}
		assertThatExceptionOfType(RequestRejectedException.class)
			.isThrownBy(() -> firewall.getFirewalledRequest(request("X-\tNote", "a")).getHeaderNames().nextElement());
	}

	private static String firewallPattern(String field) throws ReflectiveOperationException {
		Field pattern = StrictHttpFirewall.class.getDeclaredField(field);
		pattern.setAccessible(true);
		return ((Pattern) pattern.get(null)).pattern();
	}

	private static MockHttpServletRequest request(String header, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
		request.addHeader(header, value);
		return request;
	}

	private static void assertSameAnswers(String text) {
		assertSameAnswer(HeaderFirewall.ALLOWED_NAMES, HeaderFirewall.NAME, text);
		assertSameAnswer(HeaderFirewall.ALLOWED_VALUES, HeaderFirewall.VALUE, text);
	}

	private static void assertSameAnswer(Predicate<String> rule, Pattern firewalls, String text) {
		boolean expected = firewalls.matcher(text).matches();
		if (rule.test(text) != expected) {
			assertThat(rule.test(text))
				.as("%s for %s", firewalls.pattern(),
						text.codePoints().mapToObj((c) -> String.format("U+%04X", c)).toList())
				.isEqualTo(expected);
		}
	}

}
