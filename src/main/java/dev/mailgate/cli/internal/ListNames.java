package dev.mailgate.cli.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's lists by id and by name, from {@code GET /api/v1/lists}, so that a CSV
 * file may name a list as people do.
 */
final class ListNames {

	private final Map<String, String> namesById = new LinkedHashMap<>();

	private ListNames() {
	}

	static ListNames of(Connection connection) {
		ListNames lists = new ListNames();
		connection.get("/api/v1/lists")
			.path("data")
			.forEach((list) -> lists.namesById.put(list.path("id").asString(), list.path("name").asString()));
		return lists;
	}

	/**
	 * The list with this id, or else with this name, in any case.
	 */
	Optional<String> idOf(String idOrName) {
		if (this.namesById.containsKey(idOrName)) {
			return Optional.of(idOrName);
		}
		Optional<String> exact = find(idOrName, false);
		return exact.isPresent() ? exact : find(idOrName, true);
	}

	/**
	 * The list's name, or its id where the name holds a separator of a CSV cell of lists.
	 */
	String nameOf(String id) {
		String name = this.namesById.getOrDefault(id, id);
		return (name.contains(",") || name.contains(";")) ? id : name;
	}

	private Optional<String> find(String name, boolean ignoringCase) {
		String wanted = ignoringCase ? name.toLowerCase(Locale.ROOT) : name;
		return this.namesById.entrySet()
			.stream()
			.filter((list) -> (ignoringCase ? list.getValue().toLowerCase(Locale.ROOT) : list.getValue())
				.equals(wanted))
			.map(Map.Entry::getKey)
			.findFirst();
	}

}
