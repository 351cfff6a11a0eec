package dev.mailgate.oauth.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.apps.Scope;
import dev.mailgate.platform.CredentialFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignedAccessTokensTests {

	private final TokenMacKeys.Key first = new TokenMacKeys.Key(1, new byte[32]);

	private final TokenMacKeys.Key second = new TokenMacKeys.Key(2, "another key of thirty-two bytes!".getBytes());

	private final SignedAccessTokens tokens = new SignedAccessTokens(new Ring(this.first, this.first, this.second));

	private final SignedAccessTokens.Grant grant = new SignedAccessTokens.Grant(UUID.randomUUID(),
			Instant.parse("2026-12-01T10:15:30.123Z"), Instant.parse("2026-12-01T10:30:30.123Z"),
			Set.of("contacts.read", "email"), UUID.randomUUID());

	@Test
	void readsBackEverythingItSigned() {
		String token = this.tokens.sign(this.grant);

		assertThat(token).startsWith("mga_").hasSize(SignedAccessTokens.LENGTH);
		assertThat(this.tokens.read(token)).isEqualTo(this.grant);
	}

	@Test
	void refusesATokenSignedWithAnotherKeyUnderTheSameId() {
		SignedAccessTokens forger = new SignedAccessTokens(
				new Ring(new TokenMacKeys.Key(1, "a key the forger made up, 32 b..".getBytes()), null, null));

		assertThat(this.tokens.read(forger.sign(this.grant))).isNull();
	}

	@Test
	void refusesATokenNamingAKeyItDoesNotHave() {
		SignedAccessTokens elsewhere = new SignedAccessTokens(
				new Ring(new TokenMacKeys.Key(9, new byte[32]), null, null));

		assertThat(this.tokens.read(elsewhere.sign(this.grant))).isNull();
	}

	@Test
	void checksTokensOfEveryKeyItHasWhileSigningWithTheCurrentOne() {
		SignedAccessTokens before = new SignedAccessTokens(new Ring(this.second, null, null));

		assertThat(this.tokens.read(before.sign(this.grant))).isEqualTo(this.grant);
	}

	@Test
	void refusesEveryValueThatIsNotASignedToken() {
		assertThat(this.tokens.read(CredentialFormat.generate(CredentialFormat.ACCESS_TOKEN))).isNull();
		assertThat(this.tokens.read("mga_")).isNull();
		String token = this.tokens.sign(this.grant);
		char last = token.charAt(token.length() - 1);
		assertThat(this.tokens.read(token.substring(0, token.length() - 1) + ((last == '0') ? '1' : '0'))).isNull();
	}

	@Test
	void aGrantWithAScopeThatHasNoBitIsNotSigned() {
		assertThat(this.tokens.sign(new SignedAccessTokens.Grant(this.grant.app(), this.grant.issuedAt(),
				this.grant.expiresAt(), Set.of("contacts.read", "crm.admin"), this.grant.id())))
			.isNull();
	}

	@Test
	void everyScopeAnAppMayAskForHasABit() {
		// a new scope is appended to SCOPE_BITS, never inserted: tokens already issued
		// keep their meaning
		assertThat(SignedAccessTokens.SCOPE_BITS).containsAll(Scope.allValues()).hasSizeLessThanOrEqualTo(32);
	}

	private record Ring(TokenMacKeys.Key current, TokenMacKeys.@Nullable Key one,
			TokenMacKeys.@Nullable Key two) implements SignedAccessTokens.KeyRing {

		@Override
		public TokenMacKeys.@Nullable Key byId(int id) {
			for (TokenMacKeys.Key key : new TokenMacKeys.Key[] { this.current, this.one, this.two }) {
				if (key != null && key.id() == id) {
					return key;
				}
			}
			return null;
		}

	}

}
