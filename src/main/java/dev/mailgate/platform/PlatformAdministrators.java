package dev.mailgate.platform;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * The check of the operator pages under {@code /admin}: only platform administrators (the
 * bootstrap administrator and those made so) may open them.
 */
public final class PlatformAdministrators {

	private PlatformAdministrators() {
	}

	/**
	 * @throws AccessDeniedException for anyone else, a 403 page that says who may
	 */
	public static void require(Authentication person, String what) {
		boolean administrator = person.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority()));
		if (!administrator) {
			throw new AccessDeniedException("Only platform administrators " + what);
		}
	}

}
