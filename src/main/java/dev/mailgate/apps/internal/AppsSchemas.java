package dev.mailgate.apps.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The apps API's JSON, for the OpenAPI document only: the controller reads and writes
 * maps in RFC 7591's client metadata names ({@code ClientMetadata}), which these records
 * describe.
 */
final class AppsSchemas {

	private AppsSchemas() {
	}

	@Schema(name = "App",
			description = "An app (an OAuth client) in RFC 7591's client metadata names; never its secret",
			requiredProperties = { "client_id", "client_id_issued_at", "client_name", "status", "redirect_uris",
					"grant_types", "response_types", "token_endpoint_auth_method", "scope", "access_token_format",
					"access_token_ttl" })
	record App(@Schema(example = "mgapp-2gwcaqg35bjjsog0ijia") String clientId,
			@Schema(description = "Seconds since the epoch") long clientIdIssuedAt,
			@Schema(example = "Acme CRM") String clientName, @Schema(allowableValues = {
					"active", "suspended" }) String status,
			String description, @Schema(format = "uri") String clientUri, @Schema(format = "uri") String logoUri,
			@ArraySchema(schema = @Schema(format = "uri",
					example = "https://crm.example.com/oauth/callback")) List<String> redirectUris,
			@ArraySchema(schema = @Schema(allowableValues = {
					"authorization_code", "refresh_token", "client_credentials" })) List<String> grantTypes,
			List<String> responseTypes,
			@Schema(allowableValues = { "client_secret_basic", "private_key_jwt",
					"none" }) String tokenEndpointAuthMethod,
			@Schema(format = "uri") String jwksUri, @Schema(description = "A JWK Set") Map<String, Object> jwks,
			@Schema(description = "Space-separated", example = "contacts.read contacts.write") String scope,
			@Schema(allowableValues = { "opaque", "jwt" }) String accessTokenFormat,
			@Schema(description = "Seconds", example = "900") long accessTokenTtl,
			@Schema(description = "Only in the answer to registering a confidential app: shown this once",
					example = "mgs_…") String clientSecret,
			@Schema(description = "With `client_secret`: 0, it does not expire by itself") long clientSecretExpiresAt){
	}

	@Schema(name = "AppMetadata", requiredProperties = "client_name",
			description = "An app to register, or all of an app's settings to replace (RFC 7591 §2)")
	record AppMetadata(@Schema(maxLength = 100, example = "Acme CRM") String clientName,
			@Schema(maxLength = 500) String description, @Schema(format = "uri") String clientUri,
			@Schema(format = "uri") String logoUri,
			@ArraySchema(maxItems = 10, arraySchema = @Schema(description = """
					Exactly as the app sends them; https, or http for loopback only (any port)"""),
					schema = @Schema(format = "uri",
							example = "https://crm.example.com/oauth/callback")) List<String> redirectUris,
			@ArraySchema(arraySchema = @Schema(description = "`authorization_code` unless you say"),
					schema = @Schema(allowableValues = {
							"authorization_code", "refresh_token", "client_credentials" })) List<String> grantTypes,
			@ArraySchema(schema = @Schema(allowableValues = "code")) List<String> responseTypes,
			@Schema(allowableValues = { "client_secret_basic", "client_secret_post", "private_key_jwt", "none" },
					description = "`none` for a public app (a browser or phone app), which gets no secret; "
							+ "`client_secret_basic` unless you say") String tokenEndpointAuthMethod,
			@Schema(description = "With private_key_jwt: the app's public keys (or `jwks_uri`)") Map<String, Object> jwks,
			@Schema(format = "uri") String jwksUri,
			@Schema(description = "Space-separated scopes the app may ask for",
					example = "contacts.read contacts.write") String scope,
			@Schema(allowableValues = { "opaque", "jwt" }) String accessTokenFormat,
			@Schema(description = "Seconds: 300 to 3600 (a JWT: 900 at most)", example = "900") long accessTokenTtl){
	}

	@Schema(name = "AppPage", requiredProperties = { "data", "next_cursor" })
	record AppPage(List<App> data, @Schema(types = {
			"null" }, description = "Always null: every app fits one page") @Nullable String nextCursor){
	}

	@Schema(name = "SecretPolicy")
	record Policy(@Schema(types = {
			"integer", "null" }, minimum = "1",
			description = "Days a client secret may live; null: until revoked") @Nullable Integer maxSecretAgeDays){
	}

	@Schema(name = "Secret", description = "A client secret, by its prefix and last four characters",
			requiredProperties = { "id", "prefix", "last4", "created_at", "status" })
	record Secret(UUID id, @Schema(example = "mgs_Ab") String prefix, @Schema(example = "x9Qz") String last4,
			Instant createdAt, @Schema(types = {
					"string", "null" }, format = "date-time") @Nullable Instant lastUsedAt,
			@Schema(types = { "string", "null" }) @Nullable String lastUsedIp,
			@Schema(types = { "string", "null" }, format = "date-time") @Nullable Instant expiresAt,
			@Schema(types = { "string", "null" }, format = "date-time") @Nullable Instant revokedAt,
			@Schema(allowableValues = { "active", "expired", "revoked" }) String status,
			@Schema(description = "Only in the answer to a rotation: the new secret, shown this once",
					example = "mgs_…") String clientSecret,
			@Schema(description = "Only in the answer to a rotation: when the older secrets stop working",
					format = "date-time") Instant previousSecretsValidUntil){
	}

	@Schema(name = "SecretList", requiredProperties = "data")
	record SecretList(List<Secret> data) {
	}

	@Schema(name = "SecretRotation")
	record Rotation(@Schema(description = "How long the older secrets keep working; 7 days unless you say",
			minimum = "0", example = "604800") long gracePeriodSeconds) {
	}

}
