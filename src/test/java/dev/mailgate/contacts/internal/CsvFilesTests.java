package dev.mailgate.contacts.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.FieldType;
import dev.mailgate.contacts.ListId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading uploaded CSV files, guessing what their columns hold, and guarding cells on
 * their way out and back in.
 */
class CsvFilesTests {

	@Test
	void readsExcelsSemicolonsAndWindowsEncoding() {
		byte[] file = "Email;Prénom\r\nzoe@example.com;Zoé\r\n\r\nyves@example.com;Yves\r\n"
			.getBytes(Charset.forName("windows-1252"));

		CsvReading.Read read = CsvReading.read("export.csv", file);

		assertThat(read.delimiter()).isEqualTo(';');
		assertThat(read.header()).containsExactly("Email", "Prénom");
		assertThat(read.samples()).containsExactly(List.of("zoe@example.com", "Zoé"),
				List.of("yves@example.com", "Yves"));
		assertThat(read.rows()).as("the blank row is no contact").isEqualTo(2);
	}

	@Test
	void dropsTheByteOrderMarkAndNamesBlankHeaders() {
		byte[] file = "\uFEFFemail,,tags\nada@example.com,x,\"vip, london\"\n".getBytes(StandardCharsets.UTF_8);

		CsvReading.Read read = CsvReading.read("contacts.csv", file);

		assertThat(read.header()).containsExactly("email", "Column 2", "tags");
		assertThat(read.samples().get(0)).containsExactly("ada@example.com", "x", "vip, london");
	}

	@Test
	void refusesWhatIsNoCsvFileSayingWhatToDo() {
		assertThatExceptionOfType(CsvReading.UnreadableFile.class)
			.isThrownBy(() -> CsvReading.read("a.csv", "  \n ".getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("The file is empty.");
		assertThatExceptionOfType(CsvReading.UnreadableFile.class)
			.isThrownBy(() -> CsvReading.read("old.xls", new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0 }))
			.withMessageContaining("Save as (or Download), CSV");
		assertThatExceptionOfType(CsvReading.UnreadableFile.class)
			.isThrownBy(() -> CsvReading.read("a.csv", "\n\nemail\n".getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("The file has no header row.");
	}

	@Test
	void guessesColumnsFromCommonNamesFieldsAndLists() {
		List<FieldDefinition> fields = List
			.of(new FieldDefinition("company_size", "Company size", FieldType.NUMBER, Instant.EPOCH));
		ContactList news = new ContactList(ListId.random(), "Newsletter", "", 0, Instant.EPOCH);

		ImportMapping mapping = ImportMapping.guess(List.of("E-Mail Address", "Given name", "SURNAME", "Company Size",
				"company_size", "newsletter", "Notes"), fields, List.of(news));

		assertThat(mapping.columns()).extracting(ColumnTarget::value)
			.containsExactly("email", "first_name", "last_name", "field:company_size", "skip", "list:" + news.id(),
					"skip");
	}

	@Test
	void quotesFormulaCellsOnExportAndUnquotesThemOnImport() {
		for (String formula : List.of("=1+1", "+1 555", "-x", "@SUM(A1)", "\tcmd")) {
			assertThat(CsvCells.exported(formula)).as(formula).isEqualTo("'" + formula);
			assertThat(CsvCells.imported(CsvCells.exported(formula))).isEqualTo(formula);
		}
		assertThat(CsvCells.exported("-5")).isEqualTo("-5");
		assertThat(CsvCells.exported("+3.25")).isEqualTo("+3.25");
		assertThat(CsvCells.exported("O'Brien")).isEqualTo("O'Brien");
		assertThat(CsvCells.imported("'quoted'")).isEqualTo("'quoted'");
	}

}
