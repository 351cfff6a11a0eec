package dev.mailgate.oauth.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Person;
import dev.mailgate.apps.Apps;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * The Mailgate claims of every token: which app it was issued to, which workspace it acts
 * on, and for a person's token which person. A client_credentials token acts on the
 * workspace that owns the app; a person's token on their default workspace.
 */
@Component
class TokenClaims {

	static final String CLIENT_ID = "client_id";

	static final String WORKSPACE_ID = "workspace_id";

	static final String USER_ID = "user_id";

	private final Accounts accounts;

	private final Apps apps;

	TokenClaims(Accounts accounts, Apps apps) {
		this.accounts = accounts;
		this.apps = apps;
	}

	Map<String, Object> of(RegisteredClient client, Authentication principal, AuthorizationGrantType grant) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(CLIENT_ID, client.getClientId());
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(grant)) {
			this.apps.byClientId(client.getClientId())
				.ifPresent((app) -> claims.put(WORKSPACE_ID, app.workspace().toString()));
			claims.put("sub", client.getClientId());
			return claims;
		}
		Optional<Person> person = this.accounts.personByEmail(principal.getName());
		person.ifPresent((found) -> {
			claims.put("sub", found.id().toString());
			claims.put(USER_ID, found.id().toString());
			this.accounts.defaultWorkspaceOf(found.id())
				.ifPresent((workspace) -> claims.put(WORKSPACE_ID, workspace.toString()));
		});
		return claims;
	}

	Optional<Person> person(Authentication principal) {
		return this.accounts.personByEmail(principal.getName());
	}

}
