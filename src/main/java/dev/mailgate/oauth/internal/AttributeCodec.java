package dev.mailgate.oauth.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Stores an authorization's attributes and token metadata (the authorization request, the
 * user's authentication, token claims) with Java serialization, which every Spring
 * Security type supports. Only Java, Spring and Mailgate classes may be read back.
 * <p>
 * Every code exchange and refresh reads them back. Java's own look-up of each class in
 * the stream first walks the calling thread's stack to find a class loader (deep under
 * Spring Security's filters), which made up about a third of the reading
 * (docs/benchmarks.md); classes are found with Mailgate's class loader instead, and
 * remembered by name.
 */
final class AttributeCodec {

	private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config
		.createFilter("java.**;org.springframework.**;dev.mailgate.**;maxdepth=40;maxrefs=100000;!*");

	private static final ClassLoader LOADER = AttributeCodec.class.getClassLoader();

	/**
	 * Classes already found, by name: only names that resolved are kept, so the map holds
	 * at most the classes the stored attributes use.
	 */
	private static final Map<String, Class<?>> FOUND = new ConcurrentHashMap<>();

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
		try (ObjectInputStream in = new Input(bytes)) {
			in.setObjectInputFilter(ALLOWED);
			return (Map<String, Object>) in.readObject();
		}
		catch (IOException | ClassNotFoundException ex) {
			throw new IllegalStateException("Cannot read stored authorization attributes", ex);
		}
	}

	/**
	 * Java serialization's input, finding classes with Mailgate's class loader. The
	 * filter still decides, after a class is found, whether it may be read.
	 */
	private static final class Input extends ObjectInputStream {

		Input(byte[] bytes) throws IOException {
			super(new ByteArrayInputStream(bytes));
		}

		@Override
		protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
			Class<?> found = FOUND.get(description.getName());
			if (found != null) {
				return found;
			}
			try {
				found = Class.forName(description.getName(), false, LOADER);
			}
			catch (ClassNotFoundException ex) {
				// Java's own look-up: the primitive types, or a class only the caller's
				// loader sees
				return super.resolveClass(description);
			}
			FOUND.put(description.getName(), found);
			return found;
		}

	}

}
