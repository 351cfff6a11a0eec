package dev.mailgate.webhooks.internal;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signatures as the Standard Webhooks specification defines them (standard-webhooks.md,
 * "Signature scheme").
 */
class WebhookSecretTests {

	/**
	 * The example of the Standard Webhooks reference implementations' tests.
	 */
	@Test
	void signsTheStandardWebhooksExampleExactly() {
		WebhookSecret secret = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

		assertThat(secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void signatureVerifiesWithAnIndependentImplementationOfTheAlgorithm() {
		WebhookSecret secret = WebhookSecret.generate();
		String body = "{\"type\":\"contact.created\",\"data\":{\"email\":\"zoë@example.com\"}}";

		String signature = secret.sign("0196f1c2-0000-7000-8000-000000000001", 1764300000, body);

		assertThat(StandardWebhooksVerifier.verifies(secret.value(), "0196f1c2-0000-7000-8000-000000000001",
				"1764300000", body, signature))
			.isTrue();
		assertThat(StandardWebhooksVerifier.verifies(secret.value(), "0196f1c2-0000-7000-8000-000000000001",
				"1764300001", body, signature))
			.as("another timestamp")
			.isFalse();
		assertThat(StandardWebhooksVerifier.verifies(WebhookSecret.generate().value(),
				"0196f1c2-0000-7000-8000-000000000001", "1764300000", body, signature))
			.as("another secret")
			.isFalse();
	}

	@Test
	void secretIsWhsecAndTheBase64Of32RandomBytes() {
		WebhookSecret secret = WebhookSecret.generate();

		assertThat(secret.value()).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.value().substring(6))).hasSize(32);
		assertThat(WebhookSecret.generate()).isNotEqualTo(secret);
		assertThat(secret.displayPrefix()).hasSize(11).endsWith("…");
		assertThat(secret.toString()).doesNotContain(secret.value().substring(10));
	}

}
