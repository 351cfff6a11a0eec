package dev.mailgate.audit.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogCsvTests {

	@Test
	void cellsThatStartLikeAFormulaAreExportedAsText() {
		// OWASP, CSV injection: = + - @ tab and carriage return start a formula
		assertThat(AuditLogCsv.guarded("=HYPERLINK(\"https://evil.example\")"))
			.isEqualTo("'=HYPERLINK(\"https://evil.example\")");
		assertThat(AuditLogCsv.guarded("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
		assertThat(AuditLogCsv.guarded("-2+3")).isEqualTo("'-2+3");
		assertThat(AuditLogCsv.guarded("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(AuditLogCsv.guarded("\t=1")).isEqualTo("'\t=1");
	}

	@Test
	void plainValuesAndNumbersStayAsTheyAre() {
		assertThat(AuditLogCsv.guarded("ada@example.com")).isEqualTo("ada@example.com");
		assertThat(AuditLogCsv.guarded("-5")).isEqualTo("-5");
		assertThat(AuditLogCsv.guarded("")).isEmpty();
	}

}
