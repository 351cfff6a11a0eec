package dev.mailgate.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A subscription's signing secret in the Standard Webhooks format: {@code whsec_} and the
 * base64 of 32 random bytes, which are the HMAC-SHA256 key.
 */
record WebhookSecret(String value) {

	static final String PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	static WebhookSecret generate() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
	}

	/**
	 * What the delivery log shows of it: the prefix and four characters.
	 */
	String displayPrefix() {
		return this.value.substring(0, PREFIX.length() + 4) + "…";
	}

	/**
	 * The Standard Webhooks signature of one attempt: {@code v1,} and the base64 of
	 * HMAC-SHA256 with the secret's bytes over {@code id.timestamp.body}.
	 */
	String sign(String webhookId, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(
					new SecretKeySpec(Base64.getDecoder().decode(this.value.substring(PREFIX.length())), "HmacSHA256"));
			byte[] signature = mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signature);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return displayPrefix();
	}

}
