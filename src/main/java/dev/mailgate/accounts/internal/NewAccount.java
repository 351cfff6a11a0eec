package dev.mailgate.accounts.internal;

/**
 * What it takes to open an account: a person, their password and their first workspace.
 */
record NewAccount(EmailAddress email, String displayName, String password, String workspaceName,
		boolean platformAdmin) {
}
