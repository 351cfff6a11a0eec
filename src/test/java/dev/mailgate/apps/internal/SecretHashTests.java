package dev.mailgate.apps.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretHashTests {

	@Test
	void hashesWithSha256InLowerCaseHex() {
		// echo -n abc | sha256sum
		assertThat(SecretHash.of("abc").hex())
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void matchesOnlyTheSecretItWasMadeFrom() {
		SecretHash hash = SecretHash.of("the-secret");

		assertThat(hash.matches("the-secret")).isTrue();
		assertThat(hash.matches("the-secreT")).isFalse();
		assertThat(hash.matches("")).isFalse();
	}

}
