package dev.mailgate.contacts.internal;

import dev.mailgate.accounts.WorkspaceId;

/**
 * The signed-in person whose contact pages these are, and the workspace they work in.
 * Controllers take it as a parameter ({@link MarketerArgument}).
 */
record Marketer(WorkspaceId workspace, String email) {

	/**
	 * Where a subscription status set on a page came from.
	 */
	String pageSource() {
		return "page:" + this.email;
	}

	/**
	 * Where a subscription status set by a CSV import came from.
	 */
	String importSource() {
		return "import:" + this.email;
	}

}
