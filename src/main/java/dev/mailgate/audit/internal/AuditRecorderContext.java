package dev.mailgate.audit.internal;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Person;
import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What an event does not say: the workspace it belongs to and the app's name, looked up;
 * who acted and from where, taken from the request it was published on (the caller's
 * address and user agent, and the signed-in person or the access token). Events published
 * off a request (scheduled work, start-up) were done by {@code system}.
 */
@Component
class AuditRecorderContext {

	private static final String USER = "user:";

	private static final String CLIENT = "client:";

	private final Accounts accounts;

	private final Apps apps;

	AuditRecorderContext(Accounts accounts, Apps apps) {
		this.accounts = accounts;
		this.apps = apps;
	}

	/**
	 * The workspace that owns the app, if it still exists.
	 */
	@Nullable WorkspaceId appWorkspace(@Nullable AppId app) {
		return (app != null) ? this.apps.byId(app).map(AppClient::workspace).orElse(null) : null;
	}

	/**
	 * The app as a person recognises it: its name and client id, or the client id alone
	 * once it is gone.
	 */
	String appLabel(AppId app, String clientId) {
		return this.apps.byId(app).map((found) -> "%s (%s)".formatted(found.name(), clientId)).orElse(clientId);
	}

	/**
	 * The person with this sign-in email, if there is one.
	 */
	@Nullable Person person(String email) {
		return this.accounts.personByEmail(email).orElse(null);
	}

	/**
	 * The default workspace of the person with this sign-in email, if there is one.
	 */
	@Nullable WorkspaceId personWorkspace(String email) {
		return this.accounts.personByEmail(email)
			.flatMap((person) -> this.accounts.defaultWorkspaceOf(person.id()))
			.orElse(null);
	}

	/**
	 * The default workspace of the person.
	 */
	@Nullable WorkspaceId personWorkspace(UserId user) {
		return this.accounts.defaultWorkspaceOf(user).orElse(null);
	}

	/**
	 * The actor as the log names it: a person's email, an app's client id, or
	 * {@code system}. An event's {@code user:<id>} or {@code client:<client id>} (from
	 * the API) becomes the email or the client id; no actor at all becomes whoever the
	 * current request is authenticated as.
	 */
	@Nullable String actor(@Nullable String named) {
		if (named != null && !named.isBlank()) {
			return normalized(named.strip());
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return (request() != null) ? null : AuditEntry.SYSTEM;
		}
		if (authentication.getPrincipal() instanceof Jwt token) {
			String user = token.getClaimAsString("user_id");
			return (user != null) ? normalized(USER + user) : token.getClaimAsString("client_id");
		}
		return authentication.getName();
	}

	/**
	 * The address the event names, else the current request's.
	 */
	@Nullable String ip(@Nullable String named) {
		if (named != null) {
			return named;
		}
		HttpServletRequest request = request();
		return (request != null) ? request.getRemoteAddr() : null;
	}

	/**
	 * The user agent the event names, else the current request's.
	 */
	@Nullable String userAgent(@Nullable String named) {
		if (named != null) {
			return named;
		}
		HttpServletRequest request = request();
		return (request != null) ? request.getHeader(HttpHeaders.USER_AGENT) : null;
	}

	private String normalized(String actor) {
		if (actor.startsWith(CLIENT)) {
			return actor.substring(CLIENT.length());
		}
		if (actor.startsWith(USER)) {
			try {
				return this.accounts.personById(new UserId(UUID.fromString(actor.substring(USER.length()))))
					.map(Person::email)
					.orElse(actor);
			}
			catch (IllegalArgumentException ex) {
				return actor;
			}
		}
		return actor;
	}

	private static @Nullable HttpServletRequest request() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest() : null;
	}

}
