package dev.mailgate.oauth.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;

import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

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

	private final JdbcClient jdbc;

	private final Clock clock;

	JdbcConsents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void save(OAuth2AuthorizationConsent consent) {
		remove(consent);
		String authorities = String.join(" ",
				consent.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
		this.jdbc.sql("""
				insert into oauth_consents (registered_client_id, principal_name, authorities, granted_at)
				values (?, ?, ?, ?)""")
			.params(UUID.fromString(consent.getRegisteredClientId()), consent.getPrincipalName(), authorities,
					Timestamps.utc(this.clock.instant()))
			.update();
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
