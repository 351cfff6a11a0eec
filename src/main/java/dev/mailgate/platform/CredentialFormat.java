package dev.mailgate.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;

/**
 * The shape of every bearer credential Mailgate issues: a prefix naming its kind
 * ({@code mgs_} client secret, {@code mga_} access token, {@code mgr_} refresh token,
 * {@code mgc_} authorization code), 256 random bits in 43 base62 characters, and a CRC32
 * of everything before it in 6 base62 characters. Some carry more than random bits in the
 * same shape ({@link #encode}: signed access tokens, refresh tokens that name their
 * grant). Secret scanners can match the prefix, and Mailgate can refuse a mistyped or
 * made-up value without touching the database.
 */
public final class CredentialFormat {

	public static final String CLIENT_SECRET = "mgs_";

	public static final String ACCESS_TOKEN = "mga_";

	public static final String REFRESH_TOKEN = "mgr_";

	public static final String AUTHORIZATION_CODE = "mgc_";

	static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	static final int BODY_LENGTH = 43;

	static final int CHECKSUM_LENGTH = 6;

	/**
	 * 62⁵: five base62 digits at a time.
	 */
	private static final long FIVE_DIGITS = 62L * 62 * 62 * 62 * 62;

	public static final int LENGTH = 4 + BODY_LENGTH + CHECKSUM_LENGTH;

	private static final MessageDigest SHA_256 = newSha256();

	private CredentialFormat() {
	}

	/**
	 * A new credential of the given kind.
	 */
	public static String generate(String prefix) {
		byte[] bits = new byte[32];
		SecureRandoms.current().nextBytes(bits);
		String body = prefix + base62(bits, BODY_LENGTH);
		return body + checksum(body);
	}

	/**
	 * A credential that carries the given bytes instead of random ones (a signed access
	 * token): the prefix, the bytes in base62 and the checksum, as {@link #generate}
	 * does.
	 */
	public static String encode(String prefix, byte[] body) {
		String value = prefix + base62(body, digitsFor(body.length));
		return value + checksum(value);
	}

	/**
	 * The bytes {@link #encode} put into a credential of {@code bodyBytes} bytes, when
	 * the value has the prefix, the length, only base62 characters and a matching
	 * checksum.
	 * @return the bytes, or {@code null} for a value of another shape
	 */
	public static byte @Nullable [] decode(String value, String prefix, int bodyBytes) {
		int digits = digitsFor(bodyBytes);
		if (value.length() != lengthFor(prefix, bodyBytes) || !value.startsWith(prefix)) {
			return null;
		}
		int[] limbs = new int[(bodyBytes + 3) / 4 + 1];
		for (int i = prefix.length(); i < prefix.length() + digits; i++) {
			int digit = ALPHABET.indexOf(value.charAt(i));
			if (digit < 0) {
				return null;
			}
			long carry = digit;
			for (int j = limbs.length - 1; j >= 0; j--) {
				long current = (limbs[j] & 0xFFFFFFFFL) * 62 + carry;
				limbs[j] = (int) current;
				carry = current >>> 32;
			}
		}
		String body = value.substring(0, prefix.length() + digits);
		if (!checksum(body).equals(value.substring(body.length()))) {
			return null;
		}
		byte[] bytes = new byte[limbs.length * 4];
		for (int j = 0; j < limbs.length; j++) {
			for (int b = 0; b < 4; b++) {
				bytes[4 * j + b] = (byte) (limbs[j] >>> (24 - 8 * b));
			}
		}
		int extra = bytes.length - bodyBytes;
		for (int i = 0; i < extra; i++) {
			if (bytes[i] != 0) {
				return null; // more than bodyBytes bytes' worth of digits
			}
		}
		return Arrays.copyOfRange(bytes, extra, bytes.length);
	}

	/**
	 * How long an {@link #encode encoded} credential of {@code bodyBytes} bytes is.
	 */
	public static int lengthFor(String prefix, int bodyBytes) {
		return prefix.length() + digitsFor(bodyBytes) + CHECKSUM_LENGTH;
	}

	/**
	 * The fewest base62 digits that hold any number of {@code bytes} bytes (43 for 32).
	 */
	static int digitsFor(int bytes) {
		return (int) Math.ceil(bytes * 8 / (Math.log(62) / Math.log(2)));
	}

	/**
	 * Whether the value has the prefix, the length, only base62 characters and a matching
	 * checksum: a cheap check that needs no database.
	 */
	public static boolean isWellFormed(String value, String prefix) {
		return isWellFormed(value, prefix, 32);
	}

	/**
	 * Whether the value has the shape of an {@link #encode encoded} credential of
	 * {@code bodyBytes} bytes: the prefix, the length, only base62 characters and a
	 * matching checksum.
	 */
	public static boolean isWellFormed(String value, String prefix, int bodyBytes) {
		int length = lengthFor(prefix, bodyBytes);
		if (value.length() != length || !value.startsWith(prefix)) {
			return false;
		}
		for (int i = prefix.length(); i < length; i++) {
			if (ALPHABET.indexOf(value.charAt(i)) < 0) {
				return false;
			}
		}
		String body = value.substring(0, length - CHECKSUM_LENGTH);
		return checksum(body).equals(value.substring(length - CHECKSUM_LENGTH));
	}

	/**
	 * The SHA-256 of a credential in lower-case hex: what Mailgate stores instead of it.
	 */
	public static String sha256(String value) {
		return HexFormat.of().formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The SHA-256 of some bytes: every SHA-256 Mailgate computes goes through here
	 * (PKCE's S256, hashed nonces and emails, certificate fingerprints), so that none
	 * looks the algorithm up in the security providers again.
	 */
	public static byte[] sha256(byte[] bytes) {
		return sha256().digest(bytes);
	}

	/**
	 * A new SHA-256 digest, copied from one made once: {@code MessageDigest.getInstance}
	 * searches the security providers on every call, which was a third of the hash's cost
	 * on each token request and API call (docs/benchmarks.md, "The API GET").
	 */
	private static MessageDigest sha256() {
		try {
			return (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			return newSha256();
		}
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	static String checksum(String body) {
		CRC32 crc = new CRC32();
		crc.update(body.getBytes(StandardCharsets.US_ASCII));
		return base62(crc.getValue(), CHECKSUM_LENGTH);
	}

	/**
	 * The unsigned big-endian number in the given bytes as base62 digits, most
	 * significant first, its lowest {@code length} digits only. Long division by 62⁵ over
	 * 32-bit limbs, in place, five digits a pass: the same digits as {@code BigInteger}'s
	 * {@code divideAndRemainder}, which made two objects per digit, 86 for every token
	 * minted (docs/benchmarks.md, "The token endpoint's allocations"), and a fifth of the
	 * passes of dividing by 62, which a signed token's 117 digits made its largest cost.
	 */
	static String base62(byte[] bigEndian, int length) {
		int[] limbs = new int[(bigEndian.length + 3) / 4];
		for (int i = 0; i < bigEndian.length; i++) {
			int fromEnd = bigEndian.length - 1 - i;
			limbs[limbs.length - 1 - fromEnd / 4] |= (bigEndian[i] & 0xFF) << (8 * (fromEnd % 4));
		}
		char[] digits = new char[length];
		int d = length - 1;
		while (d >= 0) {
			// five digits per pass: divide by 62^5, which still fits a remainder in 30
			// bits
			long remainder = 0;
			for (int j = 0; j < limbs.length; j++) {
				long current = (remainder << 32) | (limbs[j] & 0xFFFFFFFFL);
				limbs[j] = (int) (current / FIVE_DIGITS);
				remainder = current % FIVE_DIGITS;
			}
			for (int k = 0; k < 5 && d >= 0; k++, d--) {
				digits[d] = ALPHABET.charAt((int) (remainder % 62));
				remainder /= 62;
			}
		}
		return new String(digits);
	}

	static String base62(long unsigned, int length) {
		return base62(ByteBuffer.allocate(Long.BYTES).putLong(unsigned).array(), length);
	}

}
