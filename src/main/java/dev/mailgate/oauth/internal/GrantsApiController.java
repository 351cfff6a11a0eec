package dev.mailgate.oauth.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Person;
import dev.mailgate.accounts.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/grants}: the apps connected to the account of the person the token was
 * issued to, and revoking one, as the connected apps page does.
 */
@RestController
@RequestMapping("/api/v1/grants")
@Tag(name = "Connected apps", description = "The apps you allowed to use your account, and taking that back")
class GrantsApiController {

	private final ConnectedApps connectedApps;

	private final Accounts accounts;

	GrantsApiController(ConnectedApps connectedApps, Accounts accounts) {
		this.connectedApps = connectedApps;
		this.accounts = accounts;
	}

	@Operation(summary = "List your connected apps",
			description = "Every app you allowed to use your account, the most recently connected first.")
	@ApiResponse(responseCode = "200", description = "Your connected apps",
			content = @Content(schema = @Schema(implementation = GrantPage.class)))
	@ApiResponse(responseCode = "403", description = "The token was not issued to a person (client credentials)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemSchema.class)))
	@GetMapping
	ResponseEntity<?> listGrants(@AuthenticationPrincipal Jwt token) {
		Optional<Person> person = person(token);
		if (person.isEmpty()) {
			return notAPerson();
		}
		List<GrantJson> grants = this.connectedApps.of(person.get().email()).stream().map(GrantJson::of).toList();
		return ResponseEntity.ok(new GrantPage(grants, null));
	}

	@Operation(summary = "Revoke a connected app",
			description = "Removes your consent and every access and refresh token of yours that the app holds. "
					+ "Its next request with any of them is answered 401, on every node.")
	@ApiResponse(responseCode = "204", description = "Revoked")
	@ApiResponse(responseCode = "403", description = "The token was not issued to a person (client credentials)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemSchema.class)))
	@ApiResponse(responseCode = "404", description = "No app with this client id is connected to your account",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemSchema.class)))
	@DeleteMapping("/{clientId}")
	ResponseEntity<?> revokeGrant(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		Optional<Person> person = person(token);
		if (person.isEmpty()) {
			return notAPerson();
		}
		return this.connectedApps.find(person.get().email(), clientId)
			.filter((app) -> this.connectedApps.revoke(app.person(), app.app(), "api:" + caller(token)))
			.<ResponseEntity<?>>map((app) -> ResponseEntity.noContent().build())
			.orElseGet(() -> problem(HttpStatus.NOT_FOUND, "Not connected",
					"No app with client id " + clientId + " is connected to your account."));
	}

	private Optional<Person> person(Jwt token) {
		String user = token.getClaimAsString(TokenClaims.USER_ID);
		if (user == null) {
			return Optional.empty();
		}
		try {
			return this.accounts.personById(new UserId(UUID.fromString(user)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String caller(Jwt token) {
		String client = token.getClaimAsString(TokenClaims.CLIENT_ID);
		return (client != null) ? client : "app";
	}

	private static ResponseEntity<ProblemDetail> notAPerson() {
		return problem(HttpStatus.FORBIDDEN, "Not a person's token",
				"Connected apps belong to a person: use a token issued through the authorization code grant.");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return ResponseEntity.status(status).body(problem);
	}

	/**
	 * One connected app.
	 */
	record GrantJson(String clientId, String appName, String developer, @Nullable String website, List<String> scopes,
			Instant grantedAt, @Nullable Instant lastUsedAt,
			@Schema(description = "The network the last call came from, coarsely (a /24 or /48)") @Nullable String lastUsedFrom) {

		static GrantJson of(ConnectedApp app) {
			return new GrantJson(app.clientId(), app.name(), app.developer(), app.website(), app.scopes(),
					app.grantedAt(), app.lastUsedAt(), app.lastUsedFrom());
		}

	}

	/**
	 * Every connected app; never more than one page.
	 */
	record GrantPage(List<GrantJson> data, @Nullable String nextCursor) {
	}

}
