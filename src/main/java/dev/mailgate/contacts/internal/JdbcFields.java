package dev.mailgate.contacts.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.AlreadyExists;
import dev.mailgate.contacts.ContactEvents;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.FieldType;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.platform.Timestamps;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's custom field definitions.
 */
@Repository
class JdbcFields {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final ApplicationEventPublisher events;

	JdbcFields(JdbcClient jdbc, JdbcTemplate batch, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.events = events;
	}

	List<FieldDefinition> all(WorkspaceId workspace) {
		return this.jdbc.sql("""
				select field_key, label, field_type, created_at from contacts_fields where workspace_id = ?
				order by created_at, field_key
				""")
			.param(workspace.value())
			.query((rs, n) -> new FieldDefinition(rs.getString("field_key"), rs.getString("label"),
					FieldType.valueOf(rs.getString("field_type")),
					Objects.requireNonNull(Timestamps.instant(rs, "created_at"))))
			.list();
	}

	Map<String, FieldDefinition> byKey(WorkspaceId workspace) {
		Map<String, FieldDefinition> fields = new LinkedHashMap<>();
		all(workspace).forEach((field) -> fields.put(field.key(), field));
		return fields;
	}

	FieldDefinition define(WorkspaceId workspace, String key, String label, FieldType type, Instant now) {
		if (!ContactRules.FIELD_KEY.matcher(key).matches()) {
			throw new InvalidContact("key",
					"1 to 64 lower case letters, digits and underscores, starting with a letter, such as company_size");
		}
		if (label.isBlank() || label.length() > ContactRules.MAX_NAME) {
			throw new InvalidContact("label", "1 to %d characters".formatted(ContactRules.MAX_NAME));
		}
		try {
			this.jdbc.sql("""
					insert into contacts_fields (workspace_id, field_key, label, field_type, created_at)
					values (?, ?, ?, ?, ?)
					""").params(workspace.value(), key, label.strip(), type.name(), Timestamps.utc(now)).update();
		}
		catch (DuplicateKeyException ex) {
			throw new AlreadyExists("The workspace has a field with the key " + key);
		}
		return new FieldDefinition(key, label.strip(), type, now);
	}

	/**
	 * Removes the definition and the values contacts hold for it, so that a new field
	 * with the same key starts empty.
	 */
	@Transactional
	void delete(WorkspaceId workspace, String key, Instant now) {
		int deleted = this.jdbc.sql("delete from contacts_fields where workspace_id = ? and field_key = ?")
			.params(workspace.value(), key)
			.update();
		if (deleted == 0) {
			throw new ContactNotFound("Field " + key);
		}
		List<Object[]> rewrites = this.jdbc
			.sql("select id, email, fields from contacts_contacts where workspace_id = ? and fields like ?")
			.params(workspace.value(), "%\"" + key + "\"%")
			.query((rs, n) -> {
				Map<String, Object> values = FieldValues.readRaw(rs.getString("fields"));
				return (values.remove(key) != null) ? new Object[] { FieldValues.write(values), Timestamps.utc(now),
						rs.getObject("id"), rs.getString("email") } : null;
			})
			.list()
			.stream()
			.filter(Objects::nonNull)
			.toList();
		if (!rewrites.isEmpty()) {
			// a changed contact: a new version (ETag) and change time, so a sync sees it
			this.batch.batchUpdate(
					"update contacts_contacts set fields = ?, version = version + 1, updated_at = ? where id = ?",
					rewrites.stream().map((row) -> new Object[] { row[0], row[1], row[2] }).toList());
			rewrites.forEach((row) -> this.events.publishEvent(new ContactEvents.ContactUpdated(workspace,
					new ContactId((java.util.UUID) row[2]), (String) row[3], now)));
		}
	}

}
