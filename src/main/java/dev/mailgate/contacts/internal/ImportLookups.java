package dev.mailgate.contacts.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.ListId;
import dev.mailgate.platform.CustomPlans;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What an import reads about the contacts a batch names before it writes them: their tags
 * and lists, which the file's tags and lists are added to.
 */
@Repository
class ImportLookups {

	private final JdbcClient jdbc;

	private final CustomPlans plans;

	ImportLookups(JdbcClient jdbc, CustomPlans plans) {
		this.jdbc = jdbc;
		this.plans = plans;
	}

	/**
	 * The tags and lists of the contacts with these (normalized) emails that exist, by
	 * email.
	 */
	Map<String, Known> byEmail(WorkspaceId workspace, Collection<String> emails) {
		if (emails.isEmpty()) {
			return new HashMap<>();
		}
		return this.plans.read(() -> find(workspace, emails));
	}

	private Map<String, Known> find(WorkspaceId workspace, Collection<String> emails) {
		Map<String, Known> known = new HashMap<>();
		Map<UUID, String> emailsById = new HashMap<>();
		this.jdbc.sql("select id, email, tags from contacts_contacts where workspace_id = :ws and email in (:emails)")
			.param("ws", workspace.value())
			.param("emails", emails)
			.query((rs) -> {
				String column = rs.getString("tags");
				emailsById.put(rs.getObject("id", UUID.class), rs.getString("email"));
				known.put(rs.getString("email"),
						new Known((column == null || column.isEmpty()) ? List.of() : Arrays.asList(column.split("\n")),
								List.of()));
			});
		ListMembership.of(this.jdbc, emailsById.keySet()).forEach((id, lists) -> {
			String email = emailsById.get(id);
			known.put(email, new Known(known.get(email).tags(), lists));
		});
		return known;
	}

	/**
	 * What a contact holds already.
	 */
	record Known(List<String> tags, List<ListId> lists) {

		static final Known NOTHING = new Known(List.of(), List.of());

	}

}
