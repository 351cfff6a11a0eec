package dev.mailgate.apps;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scopes an app may ask for. Their plain-language descriptions live with the consent
 * page ({@code oauth.scope.*} messages).
 */
public enum Scope {

	CONTACTS_READ("contacts.read"), CONTACTS_WRITE("contacts.write"), CAMPAIGNS_READ("campaigns.read"),
	CAMPAIGNS_WRITE("campaigns.write"), CAMPAIGNS_SEND("campaigns.send"), REPORTS_READ("reports.read"),
	WEBHOOKS_MANAGE("webhooks.manage"), APPS_MANAGE("apps.manage"), GRANTS_MANAGE("grants.manage"),
	AUDIT_READ("audit.read"), INTEGRATIONS_MANAGE("integrations.manage"), CLIENT_CREATE("client.create"),
	OPENID("openid"), PROFILE("profile"), EMAIL("email");

	private final String value;

	Scope(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	public static Optional<Scope> of(String value) {
		return Arrays.stream(values()).filter((scope) -> scope.value.equals(value)).findFirst();
	}

	public static Set<String> allValues() {
		return Arrays.stream(values()).map(Scope::value).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
	}

}
