package dev.mailgate.ratelimit.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BudgetTests {

	/**
	 * draft-ietf-httpapi-ratelimit-headers-11 §3 and §3.1: a String item, the quota
	 * {@code q} and the window {@code w} in seconds.
	 */
	@Test
	void describesItselfAsAQuotaPolicyItem() {
		assertThat(Budget.of("api", 100, Duration.ofSeconds(10)).policyHeader()).isEqualTo("\"api\";q=100;w=10");
		assertThat(Budget.of("token-endpoint", 600, Duration.ofMinutes(1)).policyHeader())
			.isEqualTo("\"token-endpoint\";q=600;w=60");
	}

	/**
	 * draft-ietf-httpapi-ratelimit-headers-11 §4.1: the available quota {@code r} and the
	 * effective window {@code t} in seconds.
	 */
	@Test
	void describesWhatIsLeftAsAServiceLimitItem() {
		Budget api = Budget.of("api", 100, Duration.ofSeconds(10));

		assertThat(Responses.serviceLimit(api, 57, 8)).isEqualTo("\"api\";r=57;t=8");
		assertThat(Responses.serviceLimit(api, 0, 0)).isEqualTo("\"api\";r=0");
	}

	@Test
	void refusesQuotasAndWindowsOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> Budget.of("api", 0, Duration.ofSeconds(10)));
		assertThatIllegalArgumentException().isThrownBy(() -> Budget.of("api", 10, Duration.ofMillis(1500)));
		assertThatIllegalArgumentException().isThrownBy(() -> Budget.of("api", 10, Duration.ofDays(2)));
	}

}
