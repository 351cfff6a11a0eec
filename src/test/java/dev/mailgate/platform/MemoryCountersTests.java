package dev.mailgate.platform;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryCountersTests {

	private final MemoryCounters counters = new MemoryCounters();

	@Test
	void incrementCountsFromOne() {
		assertThat(increment("a")).isEqualTo(1);
		assertThat(increment("a")).isEqualTo(2);
		assertThat(increment("b")).isEqualTo(1);
	}

	@Test
	void pushKeepsTheNewestFirstAndNoMoreThanAsked() {
		push("list", "1");
		push("list", "2");
		assertThat(push("list", "3")).containsExactly("3", "2");
		assertThat(this.counters.latest(List.of("list", "never"))).containsExactly(List.of("3", "2"), List.of());
	}

	@Test
	void forgottenKeysStartAfresh() {
		push("list", "1");
		increment("count");
		this.counters.forget("list");
		this.counters.forget("count");

		assertThat(this.counters.latest(List.of("list"))).containsExactly(List.of());
		assertThat(increment("count")).isEqualTo(1);
	}

	@Test
	void keysAreForgottenAfterTheirTime() throws InterruptedException {
		push("list", "1");
		this.counters.push("brief", "1", 2, Duration.ofMillis(50)).toCompletableFuture().join();
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!this.counters.latest(List.of("brief")).get(0).isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.counters.latest(List.of("brief", "list"))).containsExactly(List.of(), List.of("1"));
	}

	private long increment(String key) {
		return this.counters.increment(key, Duration.ofMinutes(1)).toCompletableFuture().join();
	}

	private List<String> push(String key, String value) {
		return this.counters.push(key, value, 2, Duration.ofMinutes(1)).toCompletableFuture().join();
	}

}
