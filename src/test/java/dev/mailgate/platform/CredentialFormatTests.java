package dev.mailgate.platform;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialFormatTests {

	@Test
	void generatesPrefixed53CharacterBase62Credentials() {
		String secret = CredentialFormat.generate(CredentialFormat.CLIENT_SECRET);

		assertThat(secret).hasSize(53).startsWith("mgs_").matches("mgs_[0-9A-Za-z]{49}");
		assertThat(CredentialFormat.isWellFormed(secret, CredentialFormat.CLIENT_SECRET)).isTrue();
	}

	@Test
	void neverRepeatsAValue() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			assertThat(seen.add(CredentialFormat.generate(CredentialFormat.ACCESS_TOKEN))).isTrue();
		}
	}

	@Test
	void rejectsAMistypedCharacterThroughTheChecksum() {
		String token = CredentialFormat.generate(CredentialFormat.REFRESH_TOKEN);
		char replaced = (token.charAt(20) == 'x') ? 'y' : 'x';
		String mistyped = token.substring(0, 20) + replaced + token.substring(21);

		assertThat(CredentialFormat.isWellFormed(mistyped, CredentialFormat.REFRESH_TOKEN)).isFalse();
	}

	@Test
	void rejectsTheWrongPrefixLengthOrAlphabet() {
		String token = CredentialFormat.generate(CredentialFormat.ACCESS_TOKEN);

		assertThat(CredentialFormat.isWellFormed(token, CredentialFormat.CLIENT_SECRET)).isFalse();
		assertThat(CredentialFormat.isWellFormed(token + "0", CredentialFormat.ACCESS_TOKEN)).isFalse();
		assertThat(CredentialFormat.isWellFormed(token.substring(0, 30) + "-" + token.substring(31),
				CredentialFormat.ACCESS_TOKEN))
			.isFalse();
	}

	@Test
	void checksumIsCrc32OfPrefixAndBodyInSixBase62Digits() {
		// the same CRC32 that java.util.zip computes, so scanners in any language can
		// match it
		assertThat(CredentialFormat.checksum("mga_"))
			.isEqualTo(CredentialFormat.base62(BigInteger.valueOf(crc32("mga_")), 6));
		assertThat(CredentialFormat.checksum("")).isEqualTo("000000");
	}

	@Test
	void hashesWithSha256() {
		assertThat(CredentialFormat.sha256("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	private static long crc32(String text) {
		CRC32 crc = new CRC32();
		crc.update(text.getBytes());
		return crc.getValue();
	}

}
