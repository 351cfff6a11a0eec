package dev.mailgate.platform.internal;

import java.nio.file.Path;

import dev.mailgate.platform.SecretBox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link SecretBox} of this node, with the key from
 * {@code MAILGATE_ENCRYPTION_KEYSET} or the data directory.
 */
@Configuration(proxyBeanMethods = false)
class EncryptionConfiguration {

	@Bean
	SecretBox secretBox(@Value("${mailgate.encryption.keyset:}") String keyset,
			@Value("${mailgate.data.dir}") String dataDirectory) {
		return EncryptionKeyset.load(keyset, Path.of(dataDirectory));
	}

}
