package dev.mailgate.oauth.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.platform.CredentialFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/leaked-credentials}: a secret scanner (the way GitHub's secret
 * scanning partner program works) reports Mailgate credentials it found in public. The
 * report is a JSON array of {@code {"token": …, "url": …}}, signed with the scanner's
 * private key ({@code Mailgate-Reporter-Key-Id} and {@code Mailgate-Reporter-Signature}:
 * base64 of a SHA256withECDSA or SHA256withRSA signature of the body). A live credential
 * is revoked at once and its app's owners see the report on the app's page; the answer
 * never repeats a credential.
 */
@RestController
class LeakedCredentials {

	static final int MAX_ITEMS = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, String> reporters;

	private final Apps apps;

	private final HashedAuthorizationService authorizations;

	LeakedCredentials(OAuthProperties properties, Apps apps, HashedAuthorizationService authorizations) {
		this.reporters = properties.leakReporters();
		this.apps = apps;
		this.authorizations = authorizations;
	}

	@PostMapping("/api/v1/leaked-credentials")
	ResponseEntity<?> report(@RequestHeader(name = "Mailgate-Reporter-Key-Id", required = false) @Nullable String keyId,
			@RequestHeader(name = "Mailgate-Reporter-Signature", required = false) @Nullable String signature,
			@RequestBody(required = false) byte @Nullable [] body) {
		if (keyId == null || signature == null || body == null || !this.reporters.containsKey(keyId)
				|| !verified(this.reporters.get(keyId), body, signature)) {
			return problem(HttpStatus.UNAUTHORIZED, "The report must be signed by a configured reporter key");
		}
		JsonNode items;
		try {
			items = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return problem(HttpStatus.BAD_REQUEST, "The body must be a JSON array of {\"token\": …, \"url\": …}");
		}
		if (!items.isArray() || items.size() > MAX_ITEMS) {
			return problem(HttpStatus.BAD_REQUEST,
					"The body must be a JSON array of at most %d reports".formatted(MAX_ITEMS));
		}
		List<Map<String, Object>> results = new ArrayList<>();
		for (JsonNode item : items) {
			String token = item.path("token").asString("");
			String url = item.path("url").isString() ? item.path("url").asString() : null;
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("token_hash", CredentialFormat.sha256(token));
			result.put("status", handle(token, "scanner:" + keyId, url));
			results.add(result);
		}
		return ResponseEntity.ok(Map.of("data", results));
	}

	private String handle(String token, String reporter, @Nullable String url) {
		if (CredentialFormat.isWellFormed(token, CredentialFormat.CLIENT_SECRET)) {
			return this.apps.revokeLeakedSecret(token, reporter, url).isPresent() ? "processed" : "unknown";
		}
		for (String prefix : List.of(CredentialFormat.ACCESS_TOKEN, CredentialFormat.REFRESH_TOKEN,
				CredentialFormat.AUTHORIZATION_CODE)) {
			if (CredentialFormat.isWellFormed(token, prefix)
					|| (prefix.equals(CredentialFormat.ACCESS_TOKEN)
							&& SignedAccessTokens.isWellFormedAccessToken(token))
					|| (prefix.equals(CredentialFormat.REFRESH_TOKEN) && RefreshTokenFamily.isWellFormed(token))) {
				OAuth2Authorization authorization = this.authorizations.findByToken(token, null);
				if (authorization == null) {
					return "unknown";
				}
				this.authorizations.remove(authorization);
				this.apps.recordLeakedToken(AppId.parse(authorization.getRegisteredClientId()), token.substring(0, 8),
						reporter, url);
				return "processed";
			}
		}
		return "malformed";
	}

	static boolean verified(String publicKey, byte[] body, String signature) {
		try {
			byte[] der = Base64.getDecoder()
				.decode(publicKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
			PublicKey key = null;
			for (String algorithm : List.of("EC", "RSA")) {
				try {
					key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
					break;
				}
				catch (GeneralSecurityException ex) {
					// try the next algorithm
				}
			}
			if (key == null) {
				return false;
			}
			Signature verifier = Signature
				.getInstance("EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA");
			verifier.initVerify(key);
			verifier.update(body);
			return verifier.verify(Base64.getDecoder().decode(signature.strip()));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
