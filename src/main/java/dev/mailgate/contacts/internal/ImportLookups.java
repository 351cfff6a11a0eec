package dev.mailgate.contacts.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mailgate.accounts.WorkspaceId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What an import reads about the contacts a batch names before it writes them: their
 * tags, which the file's tags are added to.
 */
@Repository
class ImportLookups {

	private final JdbcClient jdbc;

	ImportLookups(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The tags of the contacts with these (normalized) emails that exist, by email.
	 */
	Map<String, List<String>> tagsByEmail(WorkspaceId workspace, Collection<String> emails) {
		Map<String, List<String>> tags = new HashMap<>();
		if (emails.isEmpty()) {
			return tags;
		}
		this.jdbc.sql("select email, tags from contacts_contacts where workspace_id = :ws and email in (:emails)")
			.param("ws", workspace.value())
			.param("emails", emails)
			.query((rs) -> {
				String column = rs.getString("tags");
				tags.put(rs.getString("email"),
						(column == null || column.isEmpty()) ? List.of() : Arrays.asList(column.split("\n")));
			});
		return tags;
	}

}
