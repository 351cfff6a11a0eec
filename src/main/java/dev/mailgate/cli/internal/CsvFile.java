package dev.mailgate.cli.internal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A CSV file read a record at a time, never whole: its header row, each record with the
 * line it starts on (a quoted value may span lines), and how many bytes were read so far.
 * UTF-8, with or without a byte order mark; commas, semicolons or tabs, whichever the
 * header row has most of.
 */
final class CsvFile implements Closeable {

	record Line(long number, List<String> values) {
	}

	private final long size;

	private final BoundedInputStream counted;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final List<String> header;

	private long lastLine;

	private CsvFile(Path path) throws IOException {
		this.size = Files.size(path);
		this.counted = BoundedInputStream.builder().setInputStream(Files.newInputStream(path)).get();
		BufferedReader reader = new BufferedReader(new InputStreamReader(
				BOMInputStream.builder().setInputStream(this.counted).get(), StandardCharsets.UTF_8));
		CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(reader)).setIgnoreEmptyLines(false).get();
		this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
		this.records = this.parser.iterator();
		this.header = this.records.hasNext() ? this.records.next().toList() : List.of();
		this.lastLine = this.parser.getCurrentLineNumber();
	}

	static CsvFile open(Path path) {
		try {
			return new CsvFile(path);
		}
		catch (NoSuchFileException ex) {
			throw new BadUsage("No file " + path);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new BadUsage("Cannot read %s: %s".formatted(path, ex.getMessage()));
		}
	}

	List<String> header() {
		return this.header;
	}

	/**
	 * The next record with a value in it, or {@code null} at the end.
	 * @throws UncheckedIOException when the file cannot be read on, such as at a quote
	 * that is never closed
	 */
	@Nullable Line next() {
		while (this.records.hasNext()) {
			CSVRecord record = this.records.next();
			long number = this.lastLine + 1;
			this.lastLine = this.parser.getCurrentLineNumber();
			if (record.stream().anyMatch((value) -> !value.isBlank())) {
				return new Line(number, record.toList());
			}
		}
		return null;
	}

	/** The line after the last record read: where a broken one starts. */
	long nextLine() {
		return this.lastLine + 1;
	}

	long size() {
		return this.size;
	}

	long bytesRead() {
		return this.counted.getCount();
	}

	@Override
	public void close() throws IOException {
		this.parser.close();
	}

	private static char delimiter(BufferedReader reader) throws IOException {
		reader.mark(1 << 16);
		char[] start = new char[1 << 15];
		int read = Math.max(reader.read(start), 0);
		reader.reset();
		String firstLine = new String(start, 0, read).lines().findFirst().orElse("");
		char best = ',';
		for (char candidate : new char[] { ';', '\t' }) {
			if (count(firstLine, candidate) > count(firstLine, best)) {
				best = candidate;
			}
		}
		return best;
	}

	private static long count(String line, char character) {
		return line.chars().filter((c) -> c == character).count();
	}

}
