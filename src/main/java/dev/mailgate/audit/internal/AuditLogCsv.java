package dev.mailgate.audit.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * The audit log as CSV: one row per event with every column. A cell that starts like a
 * formula gets a leading single quote, so that a spreadsheet shows it as text instead of
 * running it (CSV formula injection, OWASP): actors, user agents and details come from
 * outside. Plain numbers such as {@code -5} are left alone.
 */
final class AuditLogCsv {

	static final List<String> HEADER = List.of("time", "kind", "what", "outcome", "actor", "workspace_id", "app_id",
			"client_id", "ip", "user_agent", "count", "detail");

	private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");

	private AuditLogCsv() {
	}

	static void printHeader(CSVPrinter csv) throws IOException {
		csv.printRecord(HEADER);
	}

	static void print(CSVPrinter csv, AuditEntry entry) throws IOException {
		List<@Nullable Object> cells = new ArrayList<>();
		cells.add(entry.at().toString());
		cells.add(entry.kind());
		cells.add(AuditKind.of(entry.kind()).map(AuditKind::label).orElse(entry.kind()));
		cells.add(entry.outcome());
		cells.add(entry.actor());
		cells.add(entry.workspace());
		cells.add(entry.app());
		cells.add(entry.clientId());
		cells.add(entry.ip());
		cells.add(entry.userAgent());
		cells.add(entry.count());
		cells.add(entry.detail());
		csv.printRecord(cells.stream().map((cell) -> guarded(Objects.toString(cell, ""))).toList());
	}

	static String guarded(String cell) {
		boolean formula = !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0;
		return (formula && !NUMBER.matcher(cell).matches()) ? "'" + cell : cell;
	}

}
