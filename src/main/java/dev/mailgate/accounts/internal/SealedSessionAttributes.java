package dev.mailgate.accounts.internal;

import java.nio.charset.StandardCharsets;

import dev.mailgate.platform.SecretBox;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;

/**
 * How Spring Session JDBC turns a session attribute into the bytes of its row and back:
 * Java serialization, sealed with the encryption key (AES-256-GCM through
 * {@link SecretBox}). Sealed, because a session holds a secret shown once (a new client
 * secret in a flash message) and a CSRF token, and because only bytes this key sealed are
 * ever deserialized. An attribute that cannot be read back (another key, a class changed
 * by an upgrade, a row written by hand) reads as absent: the person is signed out, never
 * shown an error.
 */
final class SealedSessionAttributes extends GenericConversionService {

	private static final Log log = LogFactory.getLog(SealedSessionAttributes.class);

	private static final byte[] ASSOCIATED_DATA = "accounts_sessions_attributes".getBytes(StandardCharsets.US_ASCII);

	private final SecretBox box;

	private final SerializingConverter serializer = new SerializingConverter();

	private final DeserializingConverter deserializer = new DeserializingConverter(
			SealedSessionAttributes.class.getClassLoader());

	SealedSessionAttributes(SecretBox box) {
		this.box = box;
		addConverter(Object.class, byte[].class, (Converter<Object, byte[]>) this::seal);
		addConverter(byte[].class, Object.class, (Converter<byte[], @Nullable Object>) this::open);
	}

	byte[] seal(Object attribute) {
		return this.box.encrypt(this.serializer.convert(attribute), ASSOCIATED_DATA);
	}

	@Nullable Object open(byte[] sealed) {
		try {
			return this.deserializer.convert(this.box.decrypt(sealed, ASSOCIATED_DATA));
		}
		catch (SecretBox.NotDecryptable | SerializationFailedException ex) {
			log.debug("A session attribute could not be read back; it counts as absent", ex);
			return null;
		}
	}

}
