package dev.mailgate.integrations.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mailgate.contacts.ListId;
import org.jspecify.annotations.Nullable;

/**
 * The sync page's settings form: {@code map.<provider field>} = a Mailgate field (empty:
 * not imported), {@code list}, {@code schedule}.
 *
 * @param problem what to tell the person instead of saving, if anything is wrong
 */
record SyncSettingsForm(Map<String, String> mapping, @Nullable ListId list, SyncSettings.Schedule schedule,
		@Nullable String problem) {

	static SyncSettingsForm read(Map<String, String> params, Map<String, String> targets) {
		Map<String, String> mapping = new LinkedHashMap<>();
		params.forEach((name, target) -> {
			if (name.startsWith("map.") && name.length() > 4 && !target.isBlank()) {
				mapping.put(name.substring(4), target.strip());
			}
		});
		ListId list = ListId.parse(params.getOrDefault("list", "").strip()).orElse(null);
		SyncSettings.Schedule schedule = SyncSettings.Schedule.parse(params.get("schedule")).orElse(null);
		String problem = problem(mapping, targets, schedule);
		return new SyncSettingsForm(mapping, list, (schedule != null) ? schedule : SyncSettings.Schedule.OFF, problem);
	}

	private static @Nullable String problem(Map<String, String> mapping, Map<String, String> targets,
			SyncSettings.@Nullable Schedule schedule) {
		if (schedule == null) {
			return "Choose how often to sync: off, every hour or every day.";
		}
		for (String target : mapping.values()) {
			if (!targets.containsKey(target)) {
				return "There is no Mailgate field '%s' any more; choose another.".formatted(target);
			}
		}
		long emails = mapping.values().stream().filter("email"::equals).count();
		if (emails != 1) {
			return "Choose exactly one provider field for Email: Mailgate finds contacts by their email address.";
		}
		return null;
	}

}
