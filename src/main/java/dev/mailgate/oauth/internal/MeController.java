package dev.mailgate.oauth.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me}: what the presented token acts as.
 */
@RestController
class MeController {

	@GetMapping("/api/v1/me")
	Me showMe(@AuthenticationPrincipal Jwt token) {
		return new Me(token.getClaimAsString(TokenClaims.WORKSPACE_ID), token.getClaimAsString(TokenClaims.USER_ID),
				token.getClaimAsString(TokenClaims.CLIENT_ID), scopes(token.getClaims().get("scope")),
				token.getExpiresAt());
	}

	private static List<String> scopes(@Nullable Object scope) {
		if (scope instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).sorted().toList();
		}
		if (scope instanceof String value && !value.isBlank()) {
			return List.of(value.trim().split("\\s+"));
		}
		return List.of();
	}

	/**
	 * @param userId the person the token acts for, or {@code null} for an app acting on
	 * its own workspace (client credentials)
	 */
	record Me(@Nullable String workspaceId, @Nullable String userId, @Nullable String clientId, List<String> scopes,
			@Nullable Instant expiresAt) {
	}

}
