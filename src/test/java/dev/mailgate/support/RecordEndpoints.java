package dev.mailgate.support;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Handlers that answer with a record or a map, to prove that every way Mailgate writes a
 * JSON body gives the same bytes. They exist only in the test context, which finds them
 * by component scan.
 */
@RestController
public class RecordEndpoints {

	@GetMapping("/test-bodies/{name}")
	Greeting greet(@PathVariable String name) {
		return new Greeting("Hello, " + name, Instant.parse("2026-11-30T12:00:00Z"), List.of("b", "a"), null);
	}

	@GetMapping("/test-bodies-map/{name}")
	Map<String, @Nullable Object> greetAsMap(@PathVariable String name) {
		Map<String, @Nullable Object> greeting = new LinkedHashMap<>();
		greeting.put("greeting", greet(name));
		greeting.put("count", 2);
		greeting.put("nothing", null);
		return greeting;
	}

	@GetMapping("/test-bodies-failing")
	Broken fail() {
		return new Broken("database password is hunter2");
	}

	public record Greeting(String greetingText, Instant sentAt, List<String> tags, String nothing) {
	}

	public record Broken(String secret) {

		@Override
		public String secret() {
			throw new IllegalStateException(this.secret);
		}

	}

}
