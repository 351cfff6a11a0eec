package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a provider's {@code Retry-After} asks the sync to wait.
 */
class SourceCallsTests {

	private final SourceCalls calls = new SourceCalls(null, null,
			Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

	@Test
	@DisplayName("Retry-After in seconds (RFC 9110 §10.2.3)")
	void retryAfterInSeconds() {
		assertThat(this.calls.retryAfter(headers("120"))).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	@DisplayName("Retry-After as an HTTP date (RFC 9110 §10.2.3), never negative")
	void retryAfterAsAnHttpDate() {
		assertThat(this.calls.retryAfter(headers("Sat, 28 Nov 2026 10:00:30 GMT"))).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.calls.retryAfter(headers("Sat, 28 Nov 2026 09:00:00 GMT"))).isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfterThatIsNeitherIsIgnored() {
		assertThat(this.calls.retryAfter(headers("soon"))).isNull();
		assertThat(this.calls.retryAfter(new HttpHeaders())).isNull();
	}

	private static HttpHeaders headers(String retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
		return headers;
	}

}
