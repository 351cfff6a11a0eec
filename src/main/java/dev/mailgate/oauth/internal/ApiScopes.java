package dev.mailgate.oauth.internal;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The scope each family of API endpoints needs, in one table: the API chain enforces it
 * ({@link ApiSecurity}) and the OpenAPI document shows it ({@link ApiDocumentation}), so
 * the two cannot drift apart. The first rule that matches wins.
 */
final class ApiScopes {

	static final List<Rule> RULES = List.of(
			new Rule(HttpMethod.GET, "contacts.read", "/api/v1/contacts/**", "/api/v1/lists/**", "/api/v1/fields/**"),
			new Rule(null, "contacts.write", "/api/v1/contacts/**", "/api/v1/lists/**", "/api/v1/fields/**"),
			new Rule(HttpMethod.GET, "reports.read", "/api/v1/campaigns/*/report"),
			new Rule(HttpMethod.POST, "campaigns.send", "/api/v1/campaigns/*/send", "/api/v1/campaigns/*/schedule",
					"/api/v1/campaigns/*/cancel", "/api/v1/campaigns/*/test"),
			new Rule(HttpMethod.GET, "campaigns.read", "/api/v1/campaigns/**"),
			new Rule(null, "campaigns.write", "/api/v1/campaigns/**"),
			new Rule(null, "reports.read", "/api/v1/events/**"),
			new Rule(null, "webhooks.manage", "/api/v1/webhooks/**"), new Rule(null, "apps.manage", "/api/v1/apps/**"),
			new Rule(null, "grants.manage", "/api/v1/grants/**"),
			new Rule(null, "integrations.manage", "/api/v1/integrations/**"),
			new Rule(HttpMethod.GET, "audit.read", "/api/v1/audit-events/**"));

	private ApiScopes() {
	}

	/**
	 * The scope a request needs, if any; a path such as {@code /api/v1/contacts/{id}} (an
	 * OpenAPI path template) matches like any other.
	 */
	static Optional<String> needed(HttpMethod method, String path) {
		PathContainer parsed = PathContainer.parsePath(path);
		return RULES.stream()
			.filter((rule) -> rule.method() == null || rule.method().equals(method))
			.filter((rule) -> rule.patterns()
				.stream()
				.anyMatch((pattern) -> PathPatternParser.defaultInstance.parse(pattern).matches(parsed)))
			.map(Rule::scope)
			.findFirst();
	}

	/**
	 * @param method the method it applies to, or {@code null} for every method
	 */
	record Rule(@Nullable HttpMethod method, String scope, List<String> patterns) {

		Rule(@Nullable HttpMethod method, String scope, String... patterns) {
			this(method, scope, List.of(patterns));
		}

		String authority() {
			return "SCOPE_" + this.scope;
		}

	}

}
