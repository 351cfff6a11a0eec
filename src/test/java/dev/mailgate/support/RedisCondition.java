package dev.mailgate.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether Redis answers {@code PING} on 127.0.0.1:6379, where .ci/services starts it.
 */
public class RedisCondition implements ExecutionCondition {

	public static final String URL = "redis://127.0.0.1:6379";

	private static volatile Boolean reachable;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (reachable == null) {
			reachable = pong();
		}
		if (reachable) {
			return ConditionEvaluationResult.enabled("Redis answers at " + URL);
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			return ConditionEvaluationResult.enabled("CI must run the Redis tests, but " + URL + " does not answer");
		}
		String message = "SKIPPED: Redis does not answer at " + URL
				+ " - start it with .ci/services (CI runs these tests)";
		System.err.println("[WARNING] " + context.getDisplayName() + ": " + message);
		return ConditionEvaluationResult.disabled(message);
	}

	private static boolean pong() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
			socket.setSoTimeout(1000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] answer = new byte[7];
			int read = in.readNBytes(answer, 0, answer.length);
			return new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
