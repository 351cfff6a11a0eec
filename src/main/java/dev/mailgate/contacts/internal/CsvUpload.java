package dev.mailgate.contacts.internal;

import java.time.Instant;
import java.util.List;

import dev.mailgate.accounts.WorkspaceId;

/**
 * A CSV file uploaded for import and read once, waiting for its column mapping. Its text
 * stays in the database until the import starts ({@link ImportUploads#take}).
 *
 * @param header the first row's cells, each named (a blank header becomes "Column 3")
 * @param samples the first few rows, for the mapping step
 * @param rows how many rows there are under the header (blank rows not counted)
 */
record CsvUpload(String id, WorkspaceId workspace, String fileName, char delimiter, List<String> header,
		List<List<String>> samples, int rows, Instant uploadedAt) {

	/**
	 * A sample row's cell, or an empty one where the row is short.
	 */
	static String cell(List<String> row, int column) {
		return (column < row.size()) ? row.get(column) : "";
	}

}
