package dev.mailgate.contacts;

import java.util.List;
import java.util.Optional;

import dev.mailgate.accounts.WorkspaceId;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's contacts, lists and custom fields. Every method works inside the given
 * workspace only: another workspace's ids are not found. Changes that break a rule throw
 * {@link InvalidContact} and write nothing.
 */
public interface Contacts {

	/**
	 * The largest batch {@link #upsertAll} takes.
	 */
	int MAX_BATCH = 1000;

	/**
	 * Creates a contact; {@code changes.email()} is required.
	 * @throws AlreadyExists when the workspace has a contact with that email
	 */
	Contact create(WorkspaceId workspace, ContactChanges changes);

	/**
	 * Creates the contact with this email or changes the existing one.
	 * @param expectedVersion the version the caller last saw ({@code If-Match}), or
	 * {@code null} for an unconditional change
	 * @return the contact, and whether it was created
	 * @throws VersionMismatch when {@code expectedVersion} is not the current one, or the
	 * contact does not exist yet
	 */
	Upserted upsert(WorkspaceId workspace, String email, ContactChanges changes, @Nullable Long expectedVersion);

	/**
	 * Creates or changes each item's contact (by its email), each item whole or not at
	 * all, at most {@link #MAX_BATCH} items.
	 */
	List<BatchItemResult> upsertAll(WorkspaceId workspace, List<ContactChanges> items);

	Optional<Contact> find(WorkspaceId workspace, ContactId id);

	Optional<Contact> findByEmail(WorkspaceId workspace, String email);

	/**
	 * @throws ContactNotFound when there is no such contact
	 * @throws VersionMismatch when {@code expectedVersion} is not the current one
	 */
	Contact update(WorkspaceId workspace, ContactId id, ContactChanges changes, @Nullable Long expectedVersion);

	/**
	 * @throws ContactNotFound when there is no such contact
	 * @throws VersionMismatch when {@code expectedVersion} is not the current one
	 */
	void delete(WorkspaceId workspace, ContactId id, @Nullable Long expectedVersion);

	/**
	 * Contacts in the order of their last change (oldest first, then by id), so that a
	 * sync can continue from where it stopped.
	 * @param cursor a page's {@code nextCursor}, or {@code null} for the first page
	 * @param limit at most this many (1 to 1000)
	 * @throws InvalidContact naming {@code cursor} when the cursor is not one of ours
	 */
	Page<Contact> list(WorkspaceId workspace, ContactQuery query, @Nullable String cursor, int limit);

	/**
	 * Contacts most recently changed first, as people look at them; cursors of one order
	 * are refused by the other.
	 */
	Page<Contact> listNewestFirst(WorkspaceId workspace, ContactQuery query, @Nullable String cursor, int limit);

	long count(WorkspaceId workspace, ContactQuery query);

	List<FieldDefinition> fields(WorkspaceId workspace);

	/**
	 * @throws AlreadyExists when the key is taken
	 */
	FieldDefinition defineField(WorkspaceId workspace, String key, String label, FieldType type);

	/**
	 * Removes the definition and every contact's value of it.
	 */
	void deleteField(WorkspaceId workspace, String key);

	List<ContactList> lists(WorkspaceId workspace);

	Optional<ContactList> findList(WorkspaceId workspace, ListId id);

	/**
	 * @throws AlreadyExists when the workspace has a list with that name
	 */
	ContactList createList(WorkspaceId workspace, String name, String description);

	ContactList updateList(WorkspaceId workspace, ListId id, @Nullable String name, @Nullable String description);

	/**
	 * Deletes the list; its contacts stay.
	 */
	void deleteList(WorkspaceId workspace, ListId id);

	/**
	 * Adds contacts to a list (those already on it stay).
	 */
	void addToList(WorkspaceId workspace, ListId list, List<ContactId> contacts);

	void removeFromList(WorkspaceId workspace, ListId list, ContactId contact);

	/**
	 * A contact and whether this call created it.
	 */
	record Upserted(Contact contact, boolean created) {
	}

}
