package dev.mailgate.oauth.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An authorization's attributes go to the database and come back as they were; nothing
 * but Java, Spring and Mailgate classes comes back.
 */
class AttributeCodecTests {

	@Test
	void attributesComeBackAsTheyWereWrittenEveryTime() {
		Map<String, Object> attributes = Map.of("java.security.Principal",
				UsernamePasswordAuthenticationToken.authenticated("ada@example.com", null,
						List.of(new SimpleGrantedAuthority("ROLE_USER"))),
				HashedAuthorizationService.FAMILY_STARTED_AT, Instant.parse("2026-11-29T12:00:00Z"), "scopes",
				new int[] { 1, 2 });
		byte[] stored = AttributeCodec.write(attributes);

		for (int i = 0; i < 2; i++) { // the second time with the classes already found
			Map<String, Object> read = AttributeCodec.read(stored);
			assertThat(read).containsEntry(HashedAuthorizationService.FAMILY_STARTED_AT,
					Instant.parse("2026-11-29T12:00:00Z"));
			assertThat(read.get("java.security.Principal")).isEqualTo(attributes.get("java.security.Principal"));
			assertThat((int[]) read.get("scopes")).containsExactly(1, 2);
		}
	}

	@Test
	void aClassOutsideJavaSpringAndMailgateIsRefusedThoughItCanBeFound() throws Exception {
		Map<String, Object> attributes = new HashMap<>();
		attributes.put("name", new ObjectName("dev.mailgate:type=Test"));

		assertThatIllegalStateException().isThrownBy(() -> AttributeCodec.read(serialized(attributes)))
			.withMessage("Cannot read stored authorization attributes");
	}

	private static byte[] serialized(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
