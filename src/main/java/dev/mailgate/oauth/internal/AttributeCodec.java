package dev.mailgate.oauth.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Stores an authorization's attributes and token metadata (the authorization request, the
 * user's authentication, token claims). A map of plain values (text, numbers, booleans,
 * instants, URLs, and lists, sets and maps of them: a token's claims and flags), of a
 * person's authentication as the store keeps it (a name and authorities) and of an
 * authorization code request is written in a compact form of its own, tagged by a first
 * byte of {@code 1}. Anything else goes through Java serialization, which every Spring
 * Security type supports and whose streams begin with {@code 0xACED}; only Java, Spring
 * and Mailgate classes may be read back from it. Every token request writes a token's
 * metadata and every code exchange and refresh reads it and the attributes back: Java
 * serialization spent 6 % of a refresh on the metadata, then 7 % on the person and the
 * request (docs/benchmarks.md, "The token endpoint's allocations", "The person and the
 * request in the compact form").
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

	/**
	 * The first byte of the compact form: a Java serialization stream's is {@code 0xAC}.
	 */
	static final byte COMPACT = 1;

	private static final int MAX_DEPTH = 40;

	private static final byte NULL = 0, STRING = 1, TRUE = 2, FALSE = 3, INT = 4, LONG = 5, INSTANT = 6, LIST = 7,
			SET = 8, MAP = 9, ADDRESS = 10, PERSON = 11, AUTHORITY = 12, FACTOR = 13, CODE_REQUEST = 14;

	private AttributeCodec() {
	}

	/**
	 * @param compact whether a map of plain values may take the compact form; without it,
	 * every map goes through Java serialization, which nodes older than the compact form
	 * read too (docs/deployment.md, rolling updates)
	 */
	static byte @Nullable [] write(@Nullable Map<String, Object> values, boolean compact) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		byte[] written = compact ? new CompactWriter().map(values) : null;
		return (written != null) ? written : serialized(values);
	}

	private static byte[] serialized(Map<String, Object> values) {
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
		if (bytes[0] == COMPACT) {
			try {
				return new CompactReader(bytes).map();
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("Cannot read stored authorization attributes", ex);
			}
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

	/**
	 * Writes the compact form, or gives {@code null} for a value it has no form for.
	 */
	private static final class CompactWriter {

		private byte[] buffer = new byte[256];

		private int size;

		byte @Nullable [] map(Map<String, Object> values) {
			put(COMPACT);
			return (entries(values, 0)) ? Arrays.copyOf(this.buffer, this.size) : null;
		}

		private boolean entries(Map<?, ?> values, int depth) {
			count(values.size());
			for (Map.Entry<?, ?> entry : values.entrySet()) {
				if (!(entry.getKey() instanceof String key)) {
					return false;
				}
				text(key);
				if (!value(entry.getValue(), depth)) {
					return false;
				}
			}
			return true;
		}

		private boolean value(@Nullable Object value, int depth) {
			if (depth > MAX_DEPTH) {
				return false;
			}
			if (value == null) {
				put(NULL);
			}
			else if (value instanceof String text) {
				put(STRING);
				text(text);
			}
			else if (value instanceof Boolean flag) {
				put(flag ? TRUE : FALSE);
			}
			else if (value instanceof Integer number) {
				put(INT);
				fixed(number, 4);
			}
			else if (value instanceof Long number) {
				put(LONG);
				fixed(number, 8);
			}
			else if (value instanceof Instant instant) {
				put(INSTANT);
				instant(instant);
			}
			else if (value instanceof URL url) {
				// the issuer claim: Spring AS makes a URL of it
				put(ADDRESS);
				text(url.toExternalForm());
			}
			else if (value instanceof List<?> || value instanceof Set<?>) {
				Collection<?> values = (Collection<?>) value;
				put((value instanceof List<?>) ? LIST : SET);
				count(values.size());
				for (Object element : values) {
					if (!value(element, depth + 1)) {
						return false;
					}
				}
			}
			else if (value instanceof Map<?, ?> values) {
				put(MAP);
				return entries(values, depth + 1);
			}
			else if (value instanceof UsernamePasswordAuthenticationToken person) {
				return person(person);
			}
			else if (value instanceof OAuth2AuthorizationRequest request) {
				return codeRequest(request, depth);
			}
			else {
				return false;
			}
			return true;
		}

		/**
		 * A person's authentication as the store keeps it: the sign-in name and the
		 * authorities, no credentials and no details.
		 */
		private boolean person(UsernamePasswordAuthenticationToken person) {
			if (person.getClass() != UsernamePasswordAuthenticationToken.class || !person.isAuthenticated()
					|| !(person.getPrincipal() instanceof String name) || person.getCredentials() != null
					|| person.getDetails() != null) {
				return false;
			}
			put(PERSON);
			text(name);
			count(person.getAuthorities().size());
			for (GrantedAuthority authority : person.getAuthorities()) {
				if (authority.getClass() == SimpleGrantedAuthority.class) {
					put(AUTHORITY);
					text(authority.getAuthority());
				}
				else if (authority instanceof FactorGrantedAuthority factor && factor.getIssuedAt() != null) {
					put(FACTOR);
					text(factor.getAuthority());
					instant(factor.getIssuedAt());
				}
				else {
					return false;
				}
			}
			return true;
		}

		private boolean codeRequest(OAuth2AuthorizationRequest request, int depth) {
			if (request.getClass() != OAuth2AuthorizationRequest.class
					|| !AuthorizationGrantType.AUTHORIZATION_CODE.equals(request.getGrantType())) {
				return false;
			}
			put(CODE_REQUEST);
			text(request.getAuthorizationUri());
			text(request.getClientId());
			text(request.getAuthorizationRequestUri());
			return value(request.getRedirectUri(), depth + 1) && value(request.getState(), depth + 1)
					&& value(request.getScopes(), depth + 1) && value(request.getAdditionalParameters(), depth + 1)
					&& value(request.getAttributes(), depth + 1);
		}

		private void instant(Instant instant) {
			fixed(instant.getEpochSecond(), 8);
			fixed(instant.getNano(), 4);
		}

		private void text(String text) {
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			count(utf8.length);
			room(utf8.length);
			System.arraycopy(utf8, 0, this.buffer, this.size, utf8.length);
			this.size += utf8.length;
		}

		private void count(int count) {
			fixed(count, 4);
		}

		private void fixed(long value, int bytes) {
			room(bytes);
			for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
				this.buffer[this.size++] = (byte) (value >>> shift);
			}
		}

		private void put(byte tag) {
			room(1);
			this.buffer[this.size++] = tag;
		}

		private void room(int bytes) {
			if (this.size + bytes > this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.size + bytes));
			}
		}

	}

	/**
	 * Reads the compact form back: the top-level map as a {@link HashMap}, as Java
	 * serialization gave it, and lists, sets and maps inside it in their written order.
	 * Truncated or unknown content throws.
	 */
	private static final class CompactReader {

		private final byte[] bytes;

		private int position = 1;

		CompactReader(byte[] bytes) {
			this.bytes = bytes;
		}

		Map<String, Object> map() {
			Map<String, Object> values = entries(new HashMap<>(), 0);
			if (this.position != this.bytes.length) {
				throw new IllegalArgumentException("Bytes after the attributes");
			}
			return values;
		}

		private Map<String, Object> entries(Map<String, Object> values, int depth) {
			int count = count();
			for (int i = 0; i < count; i++) {
				String key = text();
				values.put(key, value(depth));
			}
			return values;
		}

		private @Nullable Object value(int depth) {
			if (depth > MAX_DEPTH) {
				throw new IllegalArgumentException("Nested deeper than " + MAX_DEPTH);
			}
			byte tag = take();
			return switch (tag) {
				case NULL -> null;
				case STRING -> text();
				case TRUE -> Boolean.TRUE;
				case FALSE -> Boolean.FALSE;
				case INT -> (int) fixed(4);
				case LONG -> fixed(8);
				case INSTANT -> instant();
				case LIST, SET -> {
					int count = count();
					Collection<Object> values = (tag == LIST) ? new ArrayList<>(count) : new LinkedHashSet<>();
					for (int i = 0; i < count; i++) {
						values.add(value(depth + 1));
					}
					yield values;
				}
				case MAP -> entries(new LinkedHashMap<>(), depth + 1);
				case ADDRESS -> url(text());
				case PERSON -> person();
				case CODE_REQUEST -> codeRequest(depth);
				default -> throw new IllegalArgumentException("Unknown tag " + tag);
			};
		}

		private UsernamePasswordAuthenticationToken person() {
			String name = text();
			int count = count();
			List<GrantedAuthority> authorities = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				byte tag = take();
				authorities.add(switch (tag) {
					case AUTHORITY -> new SimpleGrantedAuthority(text());
					case FACTOR -> FactorGrantedAuthority.withAuthority(text()).issuedAt(instant()).build();
					default -> throw new IllegalArgumentException("Unknown authority tag " + tag);
				});
			}
			return UsernamePasswordAuthenticationToken.authenticated(name, null, authorities);
		}

		@SuppressWarnings("unchecked")
		private OAuth2AuthorizationRequest codeRequest(int depth) {
			String authorizationUri = text();
			String clientId = text();
			String requestUri = text();
			return OAuth2AuthorizationRequest.authorizationCode()
				.authorizationUri(authorizationUri)
				.clientId(clientId)
				.redirectUri(nullable(String.class, depth))
				.state(nullable(String.class, depth))
				.scopes(nullable(Set.class, depth))
				.additionalParameters(nullable(Map.class, depth))
				.attributes(nullable(Map.class, depth))
				.authorizationRequestUri(requestUri)
				.build();
		}

		private <T> @Nullable T nullable(Class<T> type, int depth) {
			Object value = value(depth + 1);
			if (value != null && !type.isInstance(value)) {
				throw new IllegalArgumentException("Not a " + type.getSimpleName() + ": " + value.getClass());
			}
			return type.cast(value);
		}

		private Instant instant() {
			return Instant.ofEpochSecond(fixed(8), (int) fixed(4));
		}

		private static URL url(String text) {
			try {
				return new URL(text);
			}
			catch (MalformedURLException ex) {
				throw new IllegalArgumentException(ex);
			}
		}

		private String text() {
			int length = count();
			need(length);
			String text = new String(this.bytes, this.position, length, StandardCharsets.UTF_8);
			this.position += length;
			return text;
		}

		private int count() {
			int count = (int) fixed(4);
			if (count < 0 || count > this.bytes.length - this.position) {
				throw new IllegalArgumentException("Count " + count + " beyond the bytes");
			}
			return count;
		}

		private long fixed(int length) {
			need(length);
			long value = 0;
			for (int i = 0; i < length; i++) {
				value = (value << 8) | (this.bytes[this.position++] & 0xFF);
			}
			// a 4-byte value is a signed int
			return (length == 4) ? (int) value : value;
		}

		private byte take() {
			need(1);
			return this.bytes[this.position++];
		}

		private void need(int length) {
			if (length > this.bytes.length - this.position) {
				throw new IllegalArgumentException("Truncated attributes");
			}
		}

	}

}
