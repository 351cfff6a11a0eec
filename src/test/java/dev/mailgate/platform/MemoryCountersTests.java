package dev.mailgate.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
	void concurrentIncrementsOfOneKeyLoseNoCountAndEachGetsItsOwnNumber() throws Exception {
		int threads = 8;
		int each = 5_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<List<Long>>> counted = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			counted.add(pool.submit(() -> {
				List<Long> numbers = new ArrayList<>(each);
				for (int i = 0; i < each; i++) {
					numbers.add(increment("app:minute"));
				}
				return numbers;
			}));
		}
		Set<Long> numbers = new HashSet<>();
		for (Future<List<Long>> future : counted) {
			numbers.addAll(future.get(30, TimeUnit.SECONDS));
		}
		pool.shutdown();
		assertThat(numbers).hasSize(threads * each).contains(1L, (long) threads * each);
		assertThat(increment("app:minute")).isEqualTo(threads * each + 1);
	}

	@Test
	void aCounterTakesThePlaceOfAListUnderTheSameKey() {
		push("key", "1");
		assertThat(increment("key")).isEqualTo(1);
		assertThat(increment("key")).isEqualTo(2);
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
