package dev.mailgate.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks verification, written from the specification and apart from
 * Mailgate's signer, as a receiver implements it: the key is the base64 after
 * {@code whsec_}; the signed content is {@code id.timestamp.body}; the header holds
 * space-separated {@code v1,<base64 HMAC-SHA256>} signatures, any one of which may match.
 */
final class StandardWebhooksVerifier {

	private StandardWebhooksVerifier() {
	}

	static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader) {
		for (String signature : signatureHeader.split(" ")) {
			if (signature.startsWith("v1,") && MessageDigest.isEqual(expected(secret, id, timestamp, body),
					signature.substring(3).getBytes(StandardCharsets.US_ASCII))) {
				return true;
			}
		}
		return false;
	}

	private static byte[] expected(String secret, String id, String timestamp, String body) {
		try {
			String base64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(Base64.getDecoder().decode(base64), "HmacSHA256"));
			byte[] mac = hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(mac).getBytes(StandardCharsets.US_ASCII);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
