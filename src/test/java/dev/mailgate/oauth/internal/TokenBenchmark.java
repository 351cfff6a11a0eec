package dev.mailgate.oauth.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.mailgate.platform.CredentialFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Minting and checking access tokens: Mailgate's opaque tokens (random value, checksum,
 * SHA-256, cache look-up) and its signed opaque ones (the client_credentials grant's:
 * HMAC-SHA256, base62), against signed JWTs, ES256 (Mailgate's per-app option) and RS256
 * (the common default). Run with {@code bench/jmh.sh Token}; the figures are in
 * docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenBenchmark {

	private String opaque;

	private final Cache<String, Object> cache = Caffeine.newBuilder().maximumSize(100_000).build();

	private NimbusJwtEncoder es256;

	private NimbusJwtEncoder rs256;

	private NimbusJwtDecoder es256Decoder;

	private NimbusJwtDecoder rs256Decoder;

	private String es256Token;

	private String rs256Token;

	private final SignedAccessTokens signed = new SignedAccessTokens(new SignedAccessTokens.KeyRing() {

		private final TokenMacKeys.Key key = new TokenMacKeys.Key(1, new byte[32]);

		@Override
		public TokenMacKeys.Key current() {
			return this.key;
		}

		@Override
		public TokenMacKeys.Key byId(int id) {
			return this.key;
		}

	});

	private final SignedAccessTokens.Grant grant = new SignedAccessTokens.Grant(UUID.randomUUID(),
			Instant.now().truncatedTo(ChronoUnit.MILLIS), Instant.now().plusSeconds(900).truncatedTo(ChronoUnit.MILLIS),
			Set.of("contacts.read"), UUID.randomUUID());

	private String signedToken;

	@Setup
	public void keysAndTokens() throws JOSEException {
		ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
		RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
		this.es256 = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(ec)));
		this.rs256 = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(rsa)));
		this.es256Decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(new JWKSet(ec.toPublicJWK())))
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		this.rs256Decoder = NimbusJwtDecoder.withPublicKey(rsa.toRSAPublicKey())
			.signatureAlgorithm(SignatureAlgorithm.RS256)
			.build();
		// the same checks as BearerTokens: times and typ at+jwt (RFC 9068 §4)
		this.es256Decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtTypeValidator("at+jwt")));
		this.rs256Decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtTypeValidator("at+jwt")));
		this.es256Token = mint(this.es256, SignatureAlgorithm.ES256);
		this.rs256Token = mint(this.rs256, SignatureAlgorithm.RS256);
		this.opaque = CredentialFormat.generate(CredentialFormat.ACCESS_TOKEN);
		this.signedToken = this.signed.sign(this.grant);
		this.cache.put(CredentialFormat.sha256(this.opaque), "authorization");
	}

	@Benchmark
	public String mintOpaqueAccessToken() {
		String token = CredentialFormat.generate(CredentialFormat.ACCESS_TOKEN);
		return CredentialFormat.sha256(token);
	}

	/**
	 * What the client_credentials grant does instead of a random value and a row: the
	 * grant signed, in base62.
	 */
	@Benchmark
	public String mintSignedAccessToken() {
		return this.signed.sign(this.grant);
	}

	/**
	 * What the API does with a signed token on a cache miss before its one query: decode
	 * and check the HMAC.
	 */
	@Benchmark
	public SignedAccessTokens.Grant readSignedAccessToken() {
		return this.signed.read(this.signedToken);
	}

	@Benchmark
	public String mintEs256Jwt() {
		return mint(this.es256, SignatureAlgorithm.ES256);
	}

	@Benchmark
	public String mintRs256Jwt() {
		return mint(this.rs256, SignatureAlgorithm.RS256);
	}

	@Benchmark
	public Object validateOpaqueToken() {
		if (!CredentialFormat.isWellFormed(this.opaque, CredentialFormat.ACCESS_TOKEN)) {
			return null;
		}
		return this.cache.getIfPresent(CredentialFormat.sha256(this.opaque));
	}

	@Benchmark
	public Jwt validateEs256Jwt() {
		return this.es256Decoder.decode(this.es256Token);
	}

	@Benchmark
	public Jwt validateRs256Jwt() {
		return this.rs256Decoder.decode(this.rs256Token);
	}

	private static String mint(NimbusJwtEncoder encoder, SignatureAlgorithm algorithm) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("https://localhost:8443")
			.subject("user")
			.audience(List.of("client"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(900))
			.claim("scope", "contacts.read")
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(algorithm).type("at+jwt").build(), claims))
			.getTokenValue();
	}

}
