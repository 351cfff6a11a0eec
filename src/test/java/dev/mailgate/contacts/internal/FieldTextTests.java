package dev.mailgate.contacts.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.FieldError;
import dev.mailgate.contacts.FieldType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FieldTextTests {

	private final List<FieldError> errors = new ArrayList<>();

	@Test
	void readsNumbersDatesAndTheWaysPeopleWriteYesAndNo() {
		assertThat(parse(FieldType.NUMBER, " 3.50 ")).isEqualTo(new BigDecimal("3.50"));
		assertThat(parse(FieldType.NUMBER, "-12")).isEqualTo(new BigDecimal("-12"));
		assertThat(parse(FieldType.DATE, "2026-11-28")).isEqualTo(LocalDate.of(2026, 11, 28));
		for (String yes : List.of("true", "Yes", "1", "TRUE")) {
			assertThat(parse(FieldType.BOOLEAN, yes)).as(yes).isEqualTo(true);
		}
		for (String no : List.of("false", "NO", "0")) {
			assertThat(parse(FieldType.BOOLEAN, no)).as(no).isEqualTo(false);
		}
		assertThat(parse(FieldType.TEXT, " Gold plan ")).isEqualTo("Gold plan");
		assertThat(this.errors).isEmpty();
	}

	@Test
	void blankTextIsNoValueAndNoError() {
		assertThat(parse(FieldType.NUMBER, "  ")).isNull();
		assertThat(this.errors).isEmpty();
	}

	@Test
	void textOfTheWrongTypeSaysHowToWriteIt() {
		parse(FieldType.NUMBER, "1,234");
		parse(FieldType.DATE, "28/11/2026");
		parse(FieldType.BOOLEAN, "maybe");
		parse(FieldType.TEXT, "x".repeat(1001));

		assertThat(this.errors).extracting(FieldError::detail)
			.containsExactly("'1,234' is not a number (write it like 42 or 3.5)",
					"'28/11/2026' is not a date (write it as YYYY-MM-DD, such as 2026-11-28)",
					"'maybe' is not true or false (write true, false, yes, no, 1 or 0)",
					"longer than 1,000 characters");
		assertThat(this.errors).extracting(FieldError::field).containsOnly("Column");
	}

	@Test
	void formatsValuesAsTheyAreTyped() {
		assertThat(FieldText.format(new BigDecimal("1E+3"))).isEqualTo("1000");
		assertThat(FieldText.format(LocalDate.of(2026, 1, 2))).isEqualTo("2026-01-02");
		assertThat(FieldText.format(true)).isEqualTo("true");
		assertThat(FieldText.format(null)).isEmpty();
	}

	private Object parse(FieldType type, String text) {
		return FieldText.parse(new FieldDefinition("key", "Label", type, Instant.EPOCH), text, "Column", this.errors);
	}

}
