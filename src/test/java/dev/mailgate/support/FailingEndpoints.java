package dev.mailgate.support;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that fail on purpose, to prove what a client sees when something breaks. They
 * exist only in the test context, which finds them by component scan.
 */
public final class FailingEndpoints {

	private FailingEndpoints() {
	}

	@RestController
	static class Json {

		@GetMapping("/test-failures/json")
		String fail() {
			throw new IllegalStateException("database password is hunter2");
		}

	}

	@Controller
	static class Page {

		@GetMapping("/test-failures/page")
		String fail() {
			throw new IllegalStateException("database password is hunter2");
		}

	}

}
