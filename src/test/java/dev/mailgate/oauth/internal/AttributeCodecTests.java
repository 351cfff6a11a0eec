package dev.mailgate.oauth.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An authorization's attributes go to the database and come back as they were; nothing
 * but Java, Spring and Mailgate classes comes back.
 */
class AttributeCodecTests {

	@Test
	void attributesComeBackAsTheyWereWrittenEveryTime() {
		Map<String, Object> attributes = Map.of("java.security.Principal",
				UsernamePasswordAuthenticationToken.authenticated("ada@example.com", null,
						List.of(new SimpleGrantedAuthority("ROLE_USER"))),
				HashedAuthorizationService.FAMILY_STARTED_AT, Instant.parse("2026-11-29T12:00:00Z"), "scopes",
				new int[] { 1, 2 });
		byte[] stored = AttributeCodec.write(attributes, true);

		for (int i = 0; i < 2; i++) { // the second time with the classes already found
			Map<String, Object> read = AttributeCodec.read(stored);
			assertThat(read).containsEntry(HashedAuthorizationService.FAMILY_STARTED_AT,
					Instant.parse("2026-11-29T12:00:00Z"));
			assertThat(read.get("java.security.Principal")).isEqualTo(attributes.get("java.security.Principal"));
			assertThat((int[]) read.get("scopes")).containsExactly(1, 2);
		}
	}

	@Test
	void aClassOutsideJavaSpringAndMailgateIsRefusedThoughItCanBeFound() throws Exception {
		Map<String, Object> attributes = new HashMap<>();
		attributes.put("name", new ObjectName("dev.mailgate:type=Test"));

		assertThatIllegalStateException().isThrownBy(() -> AttributeCodec.read(serialized(attributes)))
			.withMessage("Cannot read stored authorization attributes");
	}

	@Test
	void aTokensClaimsAndFlagsAreStoredCompactlyAndComeBackEqual() {
		Instant issued = Instant.parse("2026-11-29T12:00:00.123456789Z");
		Map<String, Object> metadata = accessTokenMetadata(issued);

		byte[] stored = AttributeCodec.write(metadata, true);

		assertThat(stored[0]).isEqualTo(AttributeCodec.COMPACT);
		assertThat(stored.length).isLessThan(javaSerialized(metadata).length / 2);
		Map<String, Object> read = AttributeCodec.read(stored);
		assertThat(read).isEqualTo(metadata);
		@SuppressWarnings("unchecked")
		Map<String, Object> claims = (Map<String, Object>) read.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
		assertThat(claims.get("iat")).isEqualTo(issued);
		assertThat(claims.get("scope")).isInstanceOf(Set.class);
		assertThat(claims.get("aud")).isInstanceOf(List.class);
	}

	@Test
	void metadataStoredWithJavaSerializationBeforeTheCompactFormStillReads() {
		Map<String, Object> metadata = accessTokenMetadata(Instant.parse("2026-11-29T12:00:00Z"));

		assertThat(AttributeCodec.read(javaSerialized(new HashMap<>(metadata)))).isEqualTo(metadata);
	}

	@Test
	void withoutTheCompactFormEveryMapIsJavaSerializedAsOlderNodesRead() {
		Map<String, Object> metadata = accessTokenMetadata(Instant.parse("2026-11-29T12:00:00Z"));

		byte[] stored = AttributeCodec.write(metadata, false);

		assertThat(stored[0]).isEqualTo((byte) 0xAC);
		assertThat(AttributeCodec.read(stored)).isEqualTo(metadata);
	}

	@Test
	void aValueWithoutACompactFormStoresTheWholeMapWithJavaSerialization() {
		Map<String, Object> attributes = new HashMap<>(accessTokenMetadata(Instant.now()));
		attributes.put("numbers", new int[] { 1, 2 });

		byte[] stored = AttributeCodec.write(attributes, true);

		assertThat(stored[0]).isEqualTo((byte) 0xAC);
		assertThat((int[]) AttributeCodec.read(stored).get("numbers")).containsExactly(1, 2);
	}

	@Test
	void aPersonsGrantAttributesAreStoredCompactlyAndComeBackEqual() {
		// what a code grant's row holds: the person as the store keeps them, and the
		// authorization request with its PKCE challenge (RFC 7636 §4.3)
		Map<String, Object> attributes = codeGrantAttributes();

		byte[] stored = AttributeCodec.write(attributes, true);

		assertThat(stored[0]).isEqualTo(AttributeCodec.COMPACT);
		assertThat(stored.length).isLessThan(javaSerialized(new HashMap<>(attributes)).length / 3);
		Map<String, Object> read = AttributeCodec.read(stored);
		assertThat(read).isEqualTo(attributes);
		UsernamePasswordAuthenticationToken person = (UsernamePasswordAuthenticationToken) read
			.get(Principal.class.getName());
		assertThat(person.isAuthenticated()).isTrue();
		assertThat(person.getName()).isEqualTo("ada@example.com");
		assertThat(person.getAuthorities()).last()
			.isInstanceOfSatisfying(FactorGrantedAuthority.class,
					(factor) -> assertThat(factor.getIssuedAt()).isEqualTo(Instant.parse("2026-11-30T09:15:00.5Z")));
		OAuth2AuthorizationRequest request = (OAuth2AuthorizationRequest) read
			.get(OAuth2AuthorizationRequest.class.getName());
		assertThat(request.getAdditionalParameters()).containsEntry("code_challenge_method", "S256");
		assertThat(request.getAuthorizationRequestUri())
			.isEqualTo(((OAuth2AuthorizationRequest) attributes.get(OAuth2AuthorizationRequest.class.getName()))
				.getAuthorizationRequestUri());
	}

	@Test
	void aPersonOrARequestTheCompactFormDoesNotCoverIsJavaSerializedWhole() {
		List<Map<String, Object>> uncovered = List.of(
				// web details of the sign-in, which the store drops before writing
				codeGrantAttributes((person) -> person.setDetails("203.0.113.7")),
				// a principal object, not a name
				Map.of(Principal.class.getName(),
						UsernamePasswordAuthenticationToken.authenticated(List.of("ada"), null, List.of())),
				// a parameter given twice arrives as an array
				Map.of(OAuth2AuthorizationRequest.class.getName(),
						OAuth2AuthorizationRequest.authorizationCode()
							.authorizationUri("https://mailgate.example.com/oauth2/authorize")
							.clientId("mgc_client")
							.additionalParameters(Map.of("resource", new String[] { "a", "b" }))
							.build()));
		for (Map<String, Object> attributes : uncovered) {
			byte[] stored = AttributeCodec.write(attributes, true);

			assertThat(stored[0]).isEqualTo((byte) 0xAC);
			assertThat(AttributeCodec.read(stored)).containsOnlyKeys(attributes.keySet());
		}
	}

	@Test
	void anyMapOfPlainValuesComesBackEqual() {
		Random random = new Random(7);
		for (int i = 0; i < 2_000; i++) {
			@SuppressWarnings("unchecked")
			Map<String, Object> values = (Map<String, Object>) plainMap(random, 0);

			Map<String, Object> read = AttributeCodec.read(AttributeCodec.write(values, true));

			assertThat(read).isEqualTo(values.isEmpty() ? Map.of() : values);
		}
	}

	@Test
	void truncatedOrUnknownCompactContentIsRefused() {
		for (Map<String, Object> values : List.of(accessTokenMetadata(Instant.now()), codeGrantAttributes())) {
			byte[] written = AttributeCodec.write(values, true);
			for (int length = 1; length < written.length; length++) {
				byte[] truncated = Arrays.copyOf(written, length);
				assertThatIllegalStateException().isThrownBy(() -> AttributeCodec.read(truncated))
					.withMessage("Cannot read stored authorization attributes");
			}
		}
		byte[] stored = AttributeCodec.write(accessTokenMetadata(Instant.now()), true);
		byte[] unknownTag = { AttributeCodec.COMPACT, 0, 0, 0, 1, 0, 0, 0, 1, 'k', 42 };
		assertThatIllegalStateException().isThrownBy(() -> AttributeCodec.read(unknownTag))
			.withMessage("Cannot read stored authorization attributes");
		byte[] trailing = Arrays.copyOf(stored, stored.length + 1);
		assertThatIllegalStateException().isThrownBy(() -> AttributeCodec.read(trailing))
			.withMessage("Cannot read stored authorization attributes");
	}

	/** What Spring AS keeps with an access token: its claims, and whether it is spent. */
	static Map<String, Object> accessTokenMetadata(Instant issued) {
		OAuth2TokenClaimsSet claims = OAuth2TokenClaimsSet.builder()
			.issuer("https://mailgate.example.com")
			.subject("mgc_client")
			.audience(List.of("mgc_client"))
			.issuedAt(issued)
			.notBefore(issued)
			.expiresAt(issued.plusSeconds(900))
			.id("8f2c3a1e-7d2b-4c55-9a57-1f0e5b1d2c3a")
			.claim("scope", Set.of("contacts.read", "contacts.write"))
			.claim(TokenClaims.CLIENT_ID, "mgc_client")
			.claim(TokenClaims.WORKSPACE_ID, "0b6f1d3e-2f4a-4b8c-9d0e-1f2a3b4c5d6e")
			.build();
		Map<String, Object> metadata = new HashMap<>();
		metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims());
		metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false);
		return metadata;
	}

	static Map<String, Object> codeGrantAttributes() {
		return codeGrantAttributes((person) -> {
		});
	}

	private static Map<String, Object> codeGrantAttributes(Consumer<UsernamePasswordAuthenticationToken> person) {
		UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(
				"ada@example.com", null,
				List.of(new SimpleGrantedAuthority("ROLE_USER"),
						FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
							.issuedAt(Instant.parse("2026-11-30T09:15:00.5Z"))
							.build()));
		person.accept(signedIn);
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("https://mailgate.example.com/oauth2/authorize")
			.clientId("mgc_client")
			.redirectUri("https://crm.example/callback")
			.scopes(new LinkedHashSet<>(List.of("contacts.read", "openid")))
			.state("xyz-é")
			.additionalParameters(Map.of("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
					"code_challenge_method", "S256"))
			.build();
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(Principal.class.getName(), signedIn);
		attributes.put(OAuth2AuthorizationRequest.class.getName(), request);
		return attributes;
	}

	private static Object plainMap(Random random, int depth) {
		Map<String, Object> values = new LinkedHashMap<>();
		int size = random.nextInt(depth == 0 ? 6 : 3);
		for (int i = 0; i < size; i++) {
			values.put("k" + random.nextInt(1000) + "é\u2603", plainValue(random, depth + 1));
		}
		return values;
	}

	private static Object plainValue(Random random, int depth) {
		int kind = random.nextInt((depth < 4) ? 10 : 7);
		return switch (kind) {
			case 0 -> "text " + random.nextLong() + " ✓";
			case 1 -> random.nextBoolean();
			case 2 -> random.nextInt();
			case 3 -> random.nextLong();
			case 4 -> Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
			case 5 -> "";
			case 6 -> (random.nextBoolean()) ? Long.MIN_VALUE : Integer.MIN_VALUE;
			case 7 -> {
				List<Object> list = new ArrayList<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					list.add(plainValue(random, depth + 1));
				}
				yield list;
			}
			case 8 -> {
				Set<Object> set = new LinkedHashSet<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					set.add(plainValue(random, depth + 1));
				}
				yield set;
			}
			default -> plainMap(random, depth);
		};
	}

	private static byte[] javaSerialized(Object value) {
		try {
			return serialized(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] serialized(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
