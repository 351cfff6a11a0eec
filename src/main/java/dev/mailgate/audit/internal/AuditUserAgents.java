package dev.mailgate.audit.internal;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A short name for a user agent, such as "Firefox on Windows" or "curl", so that a row of
 * the audit log says at a glance where a request came from. The whole string stays in the
 * log and the export.
 */
final class AuditUserAgents {

	/** Checked in this order: Edge and Opera also say Chrome, Chrome also says Safari. */
	private static final List<Map.Entry<String, String>> CLIENTS = List.of(Map.entry("Edg/", "Edge"),
			Map.entry("OPR/", "Opera"), Map.entry("Firefox/", "Firefox"), Map.entry("Chrome/", "Chrome"),
			Map.entry("Safari/", "Safari"), Map.entry("curl/", "curl"), Map.entry("Wget/", "Wget"),
			Map.entry("python-requests/", "Python requests"), Map.entry("python-httpx/", "Python httpx"),
			Map.entry("okhttp/", "OkHttp"), Map.entry("Java-http-client/", "Java"), Map.entry("Java/", "Java"),
			Map.entry("Go-http-client/", "Go"), Map.entry("axios/", "axios"), Map.entry("PostmanRuntime/", "Postman"),
			Map.entry("mailgate-cli", "mailgate CLI"));

	private static final List<Map.Entry<String, String>> SYSTEMS = List.of(Map.entry("Windows", "Windows"),
			Map.entry("Android", "Android"), Map.entry("iPhone", "iOS"), Map.entry("iPad", "iPadOS"),
			Map.entry("Mac OS X", "macOS"), Map.entry("CrOS", "ChromeOS"), Map.entry("Linux", "Linux"));

	private static final int LONGEST = 40;

	private AuditUserAgents() {
	}

	static String summary(@Nullable String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "";
		}
		String client = find(CLIENTS, userAgent);
		if (client == null) {
			String first = userAgent.strip().split("[/\\s]", 2)[0];
			return (first.length() > LONGEST) ? first.substring(0, LONGEST) + "…" : first;
		}
		String system = find(SYSTEMS, userAgent);
		return (system != null) ? client + " on " + system : client;
	}

	private static @Nullable String find(List<Map.Entry<String, String>> names, String userAgent) {
		return names.stream()
			.filter((name) -> userAgent.contains(name.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

}
