package dev.mailgate.contacts.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an uploaded CSV file the way spreadsheets write them: UTF-8 (with or without a
 * byte order mark) or, failing that, Windows-1252 as older Excel saves; commas,
 * semicolons or tabs between cells, whichever the header row uses. Anything that is no
 * CSV file ends in {@link UnreadableFile}, whose message tells the person what to do.
 */
final class CsvReading {

	static final int SAMPLES = 3;

	private CsvReading() {
	}

	/**
	 * Decodes the file and reads it whole once, so that a broken file is refused now, not
	 * halfway through its import.
	 */
	static Read read(String fileName, byte[] bytes) {
		String text = decode(fileName, bytes);
		char delimiter = delimiter(text);
		List<List<String>> rows = new ArrayList<>();
		int[] count = { 0 };
		each(text, delimiter, (record) -> {
			List<String> cells = record.toList();
			if (rows.isEmpty()) {
				rows.add(cells);
			}
			else if (!blank(cells)) {
				if (rows.size() <= SAMPLES) {
					rows.add(cells);
				}
				count[0]++;
			}
		});
		if (rows.isEmpty() || blank(rows.get(0))) {
			throw new UnreadableFile("The file has no header row. Its first row should name the columns, "
					+ "such as email, first_name, last_name.");
		}
		if (count[0] == 0) {
			throw new UnreadableFile("The file has a header row but no contacts under it.");
		}
		return new Read(text, delimiter, header(rows.get(0)), List.copyOf(rows.subList(1, rows.size())), count[0]);
	}

	/**
	 * Hands every record of the file to {@code each}, the header first.
	 */
	static void each(String text, char delimiter, Consumer<CSVRecord> each) {
		CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
		try (CSVParser parser = CSVParser.parse(text, format)) {
			try {
				parser.forEach(each);
			}
			catch (UncheckedIOException ex) {
				throw new UnreadableFile(("Line %d could not be read: a quoted value is not closed, or text follows "
						+ "a closing quote. Check the quotes around that line.")
					.formatted(parser.getCurrentLineNumber()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean blank(List<String> cells) {
		return cells.stream().allMatch(String::isBlank);
	}

	private static List<String> header(List<String> cells) {
		List<String> header = new ArrayList<>();
		for (int i = 0; i < cells.size(); i++) {
			String name = cells.get(i).strip();
			header.add(name.isEmpty() ? "Column " + (i + 1) : name);
		}
		return header;
	}

	private static String decode(String fileName, byte[] bytes) {
		refuseWhatIsNoText(fileName.toLowerCase(Locale.ROOT), bytes);
		if (starts(bytes, 0xEF, 0xBB, 0xBF)) {
			return strict(bytes, 3, StandardCharsets.UTF_8);
		}
		if (starts(bytes, 0xFF, 0xFE) || starts(bytes, 0xFE, 0xFF)) {
			return noBinary(strict(bytes, 0, StandardCharsets.UTF_16));
		}
		for (byte b : bytes) {
			if (b == 0) {
				throw binary();
			}
		}
		return utf8OrWindows(bytes);
	}

	/**
	 * A NUL character is in no spreadsheet's CSV file, and PostgreSQL keeps no text with
	 * one (the upload waits there for its mapping).
	 */
	private static String noBinary(String text) {
		if (text.indexOf(0) >= 0) {
			throw binary();
		}
		return text;
	}

	private static UnreadableFile binary() {
		return new UnreadableFile("This is not a CSV file: it holds binary data. Upload a CSV file "
				+ "(text, one contact a row, cells separated by commas).");
	}

	private static void refuseWhatIsNoText(String name, byte[] bytes) {
		if (bytes.length == 0 || new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
			throw new UnreadableFile("The file is empty. Choose a CSV file with a header row and one contact a row.");
		}
		if (starts(bytes, 0x50, 0x4B, 0x03, 0x04) || starts(bytes, 0xD0, 0xCF, 0x11, 0xE0) || name.endsWith(".xlsx")
				|| name.endsWith(".xls") || name.endsWith(".numbers") || name.endsWith(".ods")) {
			throw new UnreadableFile("This looks like a spreadsheet workbook, not a CSV file. In your spreadsheet, "
					+ "choose File, Save as (or Download), CSV, and upload that file.");
		}
	}

	private static String utf8OrWindows(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return new String(bytes, Charset.forName("windows-1252"));
		}
	}

	private static String strict(byte[] bytes, int offset, Charset charset) {
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new UnreadableFile("The file says it is Unicode text but is not. Save it again as CSV UTF-8.");
		}
	}

	private static boolean starts(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The separator the header row uses most: comma, semicolon (Excel in much of Europe)
	 * or tab.
	 */
	private static char delimiter(String text) {
		int end = text.indexOf('\n');
		String first = (end < 0) ? text : text.substring(0, end);
		char best = ',';
		long most = 0;
		for (char candidate : new char[] { ',', ';', '\t' }) {
			long count = first.chars().filter((c) -> c == candidate).count();
			if (count > most) {
				best = candidate;
				most = count;
			}
		}
		return best;
	}

	/**
	 * What reading the file found.
	 */
	record Read(String text, char delimiter, List<String> header, List<List<String>> samples, int rows) {
	}

	/**
	 * The upload is no CSV file this import can read; the message says why and what to
	 * do.
	 */
	static final class UnreadableFile extends RuntimeException {

		UnreadableFile(String message) {
			super(message);
		}

	}

}
