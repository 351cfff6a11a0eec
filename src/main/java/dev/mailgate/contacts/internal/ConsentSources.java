package dev.mailgate.contacts.internal;

import dev.mailgate.accounts.WorkspaceMember;

/**
 * Where a subscription status set by a signed-in person came from, as contacts record it.
 */
final class ConsentSources {

	private ConsentSources() {
	}

	/**
	 * A status set on a page.
	 */
	static String page(WorkspaceMember marketer) {
		return "page:" + marketer.person().email();
	}

	/**
	 * A status set by a CSV import.
	 */
	static String imported(WorkspaceMember marketer) {
		return "import:" + marketer.person().email();
	}

}
