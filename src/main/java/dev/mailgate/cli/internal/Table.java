package dev.mailgate.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table with aligned columns, for people; {@code --json} is for scripts.
 */
final class Table {

	private final List<String[]> rows = new ArrayList<>();

	Table(String... headers) {
		this.rows.add(headers);
	}

	Table row(String... cells) {
		this.rows.add(cells);
		return this;
	}

	void print(PrintWriter out) {
		int columns = this.rows.get(0).length;
		int[] widths = new int[columns];
		for (String[] row : this.rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : this.rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < columns; i++) {
				line.append((i < columns - 1) ? String.format("%-" + (widths[i] + 2) + "s", row[i]) : row[i]);
			}
			out.println(line.toString().stripTrailing());
		}
		out.flush();
	}

}
