package dev.mailgate.oauth.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each person has consented to for each app, so that they are asked again only for
 * scopes they have not granted yet.
 */
@Service
class JdbcConsents implements OAuth2AuthorizationConsentService {

	private static final String SCOPE = "SCOPE_";

	private final JdbcClient jdbc;

	private final Apps apps;

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	JdbcConsents(JdbcClient jdbc, Apps apps, Accounts accounts, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.apps = apps;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Replaces the person's consent for the app and tells the rest of Mailgate, which
	 * emails the person when the app is new to their account.
	 */
	@Override
	@Transactional
	public void save(OAuth2AuthorizationConsent consent) {
		List<String> granted = consent.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
		Instant now = this.clock.instant();
		// More scopes for an app already connected: it stays connected since the first
		// time, and keeps its last use.
		boolean firstTime = this.jdbc.sql("""
				update oauth_consents set authorities = ? where registered_client_id = ? and principal_name = ?""")
			.params(String.join(" ", granted), UUID.fromString(consent.getRegisteredClientId()),
					consent.getPrincipalName())
			.update() == 0;
		if (firstTime) {
			UUID workspace = this.accounts.personByEmail(consent.getPrincipalName())
				.flatMap((person) -> this.accounts.defaultWorkspaceOf(person.id()))
				.map(WorkspaceId::value)
				.orElse(null);
			this.jdbc
				.sql("""
						insert into oauth_consents (registered_client_id, principal_name, authorities, granted_at, workspace_id)
						values (?, ?, ?, ?, ?)""")
				.params(UUID.fromString(consent.getRegisteredClientId()), consent.getPrincipalName(),
						String.join(" ", granted), Timestamps.utc(now), workspace)
				.update();
		}
		AppId app = AppId.parse(consent.getRegisteredClientId());
		Set<String> scopes = granted.stream()
			.filter((authority) -> authority.startsWith(SCOPE))
			.map((authority) -> authority.substring(SCOPE.length()))
			.collect(Collectors.toCollection(LinkedHashSet::new));
		this.apps.byId(app)
			.ifPresent((client) -> this.events.publishEvent(new OAuthEvents.ConsentGranted(app, client.clientId(),
					consent.getPrincipalName(), scopes, firstTime, now)));
	}

	@Override
	public void remove(OAuth2AuthorizationConsent consent) {
		this.jdbc.sql("delete from oauth_consents where registered_client_id = ? and principal_name = ?")
			.params(UUID.fromString(consent.getRegisteredClientId()), consent.getPrincipalName())
			.update();
	}

	@Override
	public @Nullable OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		return this.jdbc
			.sql("select authorities from oauth_consents where registered_client_id = ? and principal_name = ?")
			.params(UUID.fromString(registeredClientId), principalName)
			.query(String.class)
			.optional()
			.map((authorities) -> {
				OAuth2AuthorizationConsent.Builder consent = OAuth2AuthorizationConsent.withId(registeredClientId,
						principalName);
				Arrays.stream(authorities.split(" "))
					.filter((authority) -> !authority.isBlank())
					.forEach((authority) -> consent.authority(new SimpleGrantedAuthority(authority)));
				return consent.build();
			})
			.orElse(null);
	}

}
