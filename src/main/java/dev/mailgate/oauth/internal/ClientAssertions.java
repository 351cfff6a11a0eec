package dev.mailgate.oauth.internal;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.platform.Timestamps;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523 §3): signed by a key the
 * app registered, inline or at its {@code jwks_uri}; issued by and about the client;
 * meant for this server; unexpired; and never seen before: each {@code jti} is remembered
 * until its assertion expires, so a replayed assertion is refused.
 */
@Component
class ClientAssertions implements JwtDecoderFactory<RegisteredClient> {

	static final String INLINE_JWKS = "dev.mailgate.oauth.jwks";

	static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
			JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

	private static final String RFC7523_3 = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Cache<String, JWKSource<SecurityContext>> remoteKeys = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofMinutes(5))
		.maximumSize(10_000)
		.build();

	ClientAssertions(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys(client)));
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		OAuth2TokenValidator<Jwt> standard = JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY
			.apply(client);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(standard, (jwt) -> firstUse(client, jwt)));
		return decoder;
	}

	private JWKSource<SecurityContext> keys(RegisteredClient client) {
		String inline = client.getClientSettings().getSetting(INLINE_JWKS);
		if (inline != null) {
			try {
				return new ImmutableJWKSet<>(JWKSet.parse(inline));
			}
			catch (ParseException ex) {
				throw new IllegalStateException("App " + client.getClientId() + " has an unreadable jwks", ex);
			}
		}
		String uri = client.getClientSettings().getJwkSetUrl();
		return this.remoteKeys.get(uri, (key) -> {
			try {
				return JWKSourceBuilder.create(URI.create(key).toURL()).retrying(false).build();
			}
			catch (MalformedURLException ex) {
				throw new IllegalStateException("App " + client.getClientId() + " has a bad jwks_uri", ex);
			}
		});
	}

	private OAuth2TokenValidatorResult firstUse(RegisteredClient client, Jwt assertion) {
		String jti = assertion.getId();
		Instant expiresAt = assertion.getExpiresAt();
		if (jti == null || jti.isBlank() || expiresAt == null) {
			return failure("The client assertion needs a jti and an exp");
		}
		try {
			this.jdbc.sql("insert into oauth_client_assertions (jti_hash, client_id, expires_at) values (?, ?, ?)")
				.params(CredentialFormat.sha256(client.getClientId() + " " + jti), client.getClientId(),
						Timestamps.utc(expiresAt))
				.update();
			return OAuth2TokenValidatorResult.success();
		}
		catch (DuplicateKeyException ex) {
			return failure("This client assertion was used before; each must have a new jti");
		}
	}

	@Scheduled(fixedDelayString = "PT10M")
	void forgetExpired() {
		this.jdbc.sql("delete from oauth_client_assertions where expires_at < ?")
			.param(Timestamps.utc(this.clock.instant().minus(Duration.ofMinutes(5))))
			.update();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult
			.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, RFC7523_3));
	}

}
