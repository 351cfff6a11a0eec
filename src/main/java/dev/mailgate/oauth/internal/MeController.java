package dev.mailgate.oauth.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me}: what the presented token acts as.
 */
@RestController
@Tag(name = "Me", description = "Who a token acts for")
class MeController {

	@Operation(summary = "What this access token acts as",
			description = "The workspace, the person (none for client credentials), the app and the scopes; any scope will do.")
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
	record Me(@Schema(description = "The workspace the token acts on", format = "uuid") @Nullable String workspaceId,
			@Schema(description = "The person it acts for; null for an app acting on its own workspace", types = {
					"string", "null" }, format = "uuid") @Nullable String userId,
			@Schema(description = "The app it was issued to",
					example = "mgapp-2gwcaqg35bjjsog0ijia") @Nullable String clientId,
			@Schema(description = "The scopes it carries") List<String> scopes,
			@Schema(description = "When it expires") @Nullable Instant expiresAt){
	}

}
