package dev.mailgate.webhooks.internal;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where webhooks may go (SSRF rules, docs/webhooks.md).
 */
class DestinationsTests {

	private final Destinations production = destinations(false);

	private final Destinations development = destinations(true);

	@Test
	void acceptsPublicHttpsAddresses() {
		assertThat(this.production.parse("https://93.184.215.14/hooks?x=1")).hasHost("93.184.215.14");
		assertThat(this.production.parse("https://[2606:4700::1111]/hooks")).hasPath("/hooks");
	}

	@Test
	void refusesPlainHttpAndLoopbackUnlessAllowed() {
		assertRefused(this.production, "http://93.184.215.14/hooks", "https");
		assertRefused(this.production, "http://127.0.0.1:8080/hooks", "https");
		assertRefused(this.production, "https://localhost/hooks", "localhost");
		assertRefused(this.development, "http://93.184.215.14/hooks", "https");
		assertThat(this.development.parse("http://127.0.0.1:8080/hooks")).hasPort(8080);
		assertThat(this.development.parse("http://localhost:8080/hooks")).hasHost("localhost");
	}

	@Test
	void refusesPrivateLinkLocalAndReservedAddresses() {
		for (String url : List.of("https://10.1.2.3/", "https://172.16.0.1/", "https://192.168.1.10/",
				"https://169.254.169.254/latest/meta-data/", "https://100.64.0.1/", "https://0.0.0.0/",
				"https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/", "https://224.0.0.1/")) {
			assertRefused(this.development, url, "private");
		}
	}

	@Test
	void refusesWhatIsNotAnAbsoluteUrl() {
		assertRefused(this.production, "not a url", "");
		assertRefused(this.production, "/relative", "absolute");
		assertRefused(this.production, "https://user:pass@93.184.215.14/", "user info");
		assertRefused(this.production, "", "https");
	}

	private static void assertRefused(Destinations destinations, String url, String reason) {
		assertThatExceptionOfType(InvalidWebhook.class).isThrownBy(() -> destinations.parse(url))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("url"))
			.withMessageContaining(reason);
	}

	private static Destinations destinations(boolean allowLoopback) {
		return new Destinations(new WebhooksProperties(allowLoopback, 10, List.of(Duration.ofSeconds(5)),
				Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(24), 10, Duration.ofDays(30), 16));
	}

}
