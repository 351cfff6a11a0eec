package dev.mailgate.integrations.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LinkedIn's little text format: reserved characters are escaped so that a post shows
 * what was typed.
 */
class LinkedInTextTests {

	@Test
	void escapesEveryReservedCharacterWithABackslash() {
		assertThat(LinkedInText.escape("\\ | { } @ [ ] ( ) < > # * _ ~"))
			.isEqualTo("\\\\ \\| \\{ \\} \\@ \\[ \\] \\( \\) \\< \\> \\# \\* \\_ \\~");
	}

	@Test
	void leavesOtherTextAndLinksAlone() {
		assertThat(LinkedInText.escape("Fresh bread is back! Read it: https://mailgate.example/archive/c-1?x=1&y=2"))
			.isEqualTo("Fresh bread is back! Read it: https://mailgate.example/archive/c-1?x=1&y=2");
		assertThat(LinkedInText.escape("Brot für alle 🍞\nZeile zwei")).isEqualTo("Brot für alle 🍞\nZeile zwei");
	}

}
