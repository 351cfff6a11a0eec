package dev.mailgate.platform;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecureRandomsTests {

	@Test
	void uuidsAreVersion4WithTheRfc9562VariantAndDoNotRepeat() {
		Set<UUID> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			UUID id = SecureRandoms.uuid();
			assertThat(id.version()).isEqualTo(4);
			assertThat(id.variant()).isEqualTo(2);
			assertThat(UUID.fromString(id.toString())).isEqualTo(id);
			seen.add(id);
		}
		assertThat(seen).hasSize(10_000);
	}

	@Test
	void aThreadKeepsItsGeneratorAndItIsADrbg() {
		assertThat(SecureRandoms.current()).isSameAs(SecureRandoms.current());
		assertThat(SecureRandoms.current().getAlgorithm()).isEqualTo("DRBG");
	}

}
