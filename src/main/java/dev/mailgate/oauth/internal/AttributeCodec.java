package dev.mailgate.oauth.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Stores an authorization's attributes and token metadata (the authorization request, the
 * user's authentication, token claims) with Java serialization, which every Spring
 * Security type supports. Only Java, Spring and Mailgate classes may be read back.
 */
final class AttributeCodec {

	private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config
		.createFilter("java.**;org.springframework.**;dev.mailgate.**;maxdepth=40;maxrefs=100000;!*");

	private AttributeCodec() {
	}

	static byte @Nullable [] write(@Nullable Map<String, Object> values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new HashMap<>(values));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store authorization attributes: " + ex, ex);
		}
		return bytes.toByteArray();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> read(byte @Nullable [] bytes) {
		if (bytes == null || bytes.length == 0) {
			return new HashMap<>();
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			in.setObjectInputFilter(ALLOWED);
			return (Map<String, Object>) in.readObject();
		}
		catch (IOException | ClassNotFoundException ex) {
			throw new IllegalStateException("Cannot read stored authorization attributes", ex);
		}
	}

}
