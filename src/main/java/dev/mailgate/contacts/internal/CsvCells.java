package dev.mailgate.contacts.internal;

import java.util.regex.Pattern;

/**
 * Guards against CSV formula injection (OWASP): a cell that starts like a formula gets a
 * leading single quote on export, so that a spreadsheet shows it as text instead of
 * running it; import takes that quote off again. Plain numbers such as {@code -5} are
 * left alone: they are no formula.
 */
final class CsvCells {

	private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");

	private CsvCells() {
	}

	static String exported(String cell) {
		return (startsLikeFormula(cell, 0) && !NUMBER.matcher(cell).matches()) ? "'" + cell : cell;
	}

	static String imported(String cell) {
		return (cell.startsWith("'") && startsLikeFormula(cell, 1)) ? cell.substring(1) : cell;
	}

	private static boolean startsLikeFormula(String cell, int at) {
		return cell.length() > at && "=+-@\t\r".indexOf(cell.charAt(at)) >= 0;
	}

}
