package dev.mailgate.contacts;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What became of one item of a batch upsert.
 *
 * @param index the item's position in the batch, from 0
 * @param outcome {@code created}, {@code updated} or {@code error}
 * @param contact the contact after the change, unless the item failed
 * @param errors why it failed, each naming its field; the contact was left untouched
 */
public record BatchItemResult(int index, String outcome, @Nullable Contact contact, List<FieldError> errors) {

	public static final String CREATED = "created";

	public static final String UPDATED = "updated";

	public static final String ERROR = "error";

}
