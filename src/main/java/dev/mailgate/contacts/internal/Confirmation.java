package dev.mailgate.contacts.internal;

/**
 * What the confirmation page asks before something is deleted for good.
 *
 * @param action where the confirming form posts
 * @param cancel where "Cancel" goes back to
 */
public record Confirmation(String title, String consequence, String action, String cancel, String button) {

	static final String VIEW = "contacts/confirm";

}
