package dev.mailgate.platform;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PageParametersTests {

	@Test
	void absentOrBlankLimitIsTheDefaultAndAWholeNumberInRangeIsKept() {
		assertThat(PageParameters.limit(null, 20, 100, IllegalStateException::new)).isEqualTo(20);
		assertThat(PageParameters.limit("  ", 20, 100, IllegalStateException::new)).isEqualTo(20);
		assertThat(PageParameters.limit(" 100 ", 20, 100, IllegalStateException::new)).isEqualTo(100);
	}

	@Test
	void limitOutOfRangeOrNotANumberThrowsTheCallersException() {
		for (String bad : new String[] { "0", "101", "-1", "ten", "1e2", "99999999999" }) {
			assertThatIllegalStateException()
				.isThrownBy(() -> PageParameters.limit(bad, 20, 100, () -> new IllegalStateException("limit")));
		}
	}

	@Test
	void cursorIsAnIdOrNothingAndAnythingElseThrows() {
		UUID id = UUID.randomUUID();
		assertThat(PageParameters.uuidCursor(null, IllegalStateException::new)).isNull();
		assertThat(PageParameters.uuidCursor(" " + id + " ", IllegalStateException::new)).isEqualTo(id);
		assertThatIllegalStateException()
			.isThrownBy(() -> PageParameters.uuidCursor("not-a-cursor", IllegalStateException::new));
	}

}
