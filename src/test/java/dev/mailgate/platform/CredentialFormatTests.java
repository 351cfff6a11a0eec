package dev.mailgate.platform;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
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
			.isEqualTo(base62ByBigInteger(BigInteger.valueOf(crc32("mga_")), 6));
		assertThat(CredentialFormat.checksum("")).isEqualTo("000000");
	}

	@Test
	void hashesWithSha256() {
		assertThat(CredentialFormat.sha256("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void decodeGivesBackTheBytesEncodeWasGivenWhateverTheirLengthAndValue() {
		Random random = new Random(7);
		byte[][] edges = { new byte[87], filled87((byte) 0xFF), { 0, 0, 1 }, { (byte) 0xFF }, new byte[32] };
		for (byte[] bytes : edges) {
			String value = CredentialFormat.encode("mga_", bytes);
			assertThat(value).hasSize(CredentialFormat.lengthFor("mga_", bytes.length));
			assertThat(CredentialFormat.decode(value, "mga_", bytes.length)).isEqualTo(bytes);
			assertThat(CredentialFormat.isWellFormed(value, "mga_", bytes.length)).isTrue();
		}
		for (int i = 0; i < 2_000; i++) {
			byte[] bytes = new byte[1 + random.nextInt(100)];
			random.nextBytes(bytes);
			assertThat(CredentialFormat.decode(CredentialFormat.encode("mga_", bytes), "mga_", bytes.length))
				.isEqualTo(bytes);
		}
		// 32 bytes encode as the random credentials do: 43 digits, 53 characters in all
		assertThat(CredentialFormat.lengthFor("mga_", 32)).isEqualTo(CredentialFormat.LENGTH);
	}

	@Test
	void decodeRefusesAnotherPrefixLengthAlphabetChecksumOrANumberTooLargeForItsBytes() {
		byte[] bytes = new byte[87];
		new Random(3).nextBytes(bytes);
		String value = CredentialFormat.encode("mga_", bytes);
		char last = value.charAt(value.length() - 1);
		assertThat(
				CredentialFormat.decode(value.substring(0, value.length() - 1) + (last == 'a' ? 'b' : 'a'), "mga_", 87))
			.isNull();
		assertThat(CredentialFormat.decode(value, "mgr_", 87)).isNull();
		assertThat(CredentialFormat.decode(value, "mga_", 86)).isNull();
		assertThat(CredentialFormat.decode(value.replace(value.charAt(10), '-'), "mga_", 87)).isNull();
		// all z: 62^117 - 1 needs more than 87 bytes, though its checksum matches
		String tooLarge = "mga_" + "z".repeat(117);
		assertThat(CredentialFormat.decode(tooLarge + CredentialFormat.checksum(tooLarge), "mga_", 87)).isNull();
	}

	private static byte[] filled87(byte value) {
		byte[] bytes = new byte[87];
		Arrays.fill(bytes, value);
		return bytes;
	}

	@Test
	void base62GivesTheSameDigitsAsBigIntegerDivisionForAnyValue() {
		// every token minted before the in-place division kept its digits: the same
		// number, the same 43 characters
		Random random = new Random(42);
		byte[][] edges = { new byte[32], filled((byte) 0xFF), filled((byte) 0x80), { 0, 0, 0, 61 }, { 0, 0, 0, 62 },
				{ (byte) 0x80 }, {} };
		for (byte[] bytes : edges) {
			assertThat(CredentialFormat.base62(bytes, 43)).isEqualTo(base62ByBigInteger(new BigInteger(1, bytes), 43));
		}
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = new byte[1 + random.nextInt(40)];
			random.nextBytes(bytes);
			int length = 1 + random.nextInt(60);
			assertThat(CredentialFormat.base62(bytes, length))
				.isEqualTo(base62ByBigInteger(new BigInteger(1, bytes), length));
			long crc = random.nextLong() >>> 32;
			assertThat(CredentialFormat.base62(crc, 6)).isEqualTo(base62ByBigInteger(BigInteger.valueOf(crc), 6));
		}
		assertThat(CredentialFormat.base62(0xFFFFFFFFL, 6)).isEqualTo("4gfFC3");
	}

	/** The division every credential was written with before: the reference. */
	private static String base62ByBigInteger(BigInteger number, int length) {
		char[] digits = new char[length];
		BigInteger rest = number;
		for (int i = length - 1; i >= 0; i--) {
			BigInteger[] division = rest.divideAndRemainder(BigInteger.valueOf(62));
			digits[i] = CredentialFormat.ALPHABET.charAt(division[1].intValue());
			rest = division[0];
		}
		return new String(digits);
	}

	private static byte[] filled(byte value) {
		byte[] bytes = new byte[32];
		Arrays.fill(bytes, value);
		return bytes;
	}

	private static long crc32(String text) {
		CRC32 crc = new CRC32();
		crc.update(text.getBytes());
		return crc.getValue();
	}

}
