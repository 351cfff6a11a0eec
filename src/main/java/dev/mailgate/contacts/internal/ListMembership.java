package dev.mailgate.contacts.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.contacts.ListId;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lists of a page of contacts, in one query.
 */
final class ListMembership {

	private ListMembership() {
	}

	static Map<UUID, List<ListId>> of(JdbcClient jdbc, Collection<UUID> contacts) {
		Map<UUID, List<ListId>> lists = new HashMap<>();
		if (contacts.isEmpty()) {
			return lists;
		}
		jdbc.sql(
				"select contact_id, list_id from contacts_list_members where contact_id in (:ids) order by added_at, list_id")
			.param("ids", contacts)
			.query((rs) -> {
				lists.computeIfAbsent(rs.getObject("contact_id", UUID.class), (id) -> new ArrayList<>())
					.add(new ListId(rs.getObject("list_id", UUID.class)));
			});
		return lists;
	}

}
