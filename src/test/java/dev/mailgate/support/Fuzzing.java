package dev.mailgate.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What every fuzz test shares: the property it checks on each response (no 5xx, no stack
 * trace), and the pieces it builds requests from.
 */
public final class Fuzzing {

	/** What a stack trace or an exception's class name leaves in a response body. */
	private static final List<String> STACK_TRACE_MARKS = List.of("at dev.", "at org.", "Exception:", "java.lang.");

	private Fuzzing() {
	}

	/**
	 * Lets the application's own background work (alert mail to the test SMTP server,
	 * webhooks to a test receiver) reach 127.0.0.1 without Jazzer reporting it as SSRF; a
	 * connection anywhere else is still a finding.
	 */
	public static void allowLoopbackConnections() {
		// the policy stays for the rest of the JVM: tests after these reach 127.0.0.1 too
		BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.startsWith("127.")
				|| host.equals("::1") || host.equals("[::1]") || host.equals("0:0:0:0:0:0:0:1"));
	}

	/**
	 * Sends the request and checks the answer as {@link #assertHandled(MvcTestResult)}
	 * does; an exception that escapes MockMvc is a finding with its frames in the
	 * message.
	 */
	public static void assertHandled(MockMvcRequestBuilder request) {
		MvcTestResult result;
		try {
			result = request.exchange();
		}
		catch (IllegalStateException ex) {
			throw unresolved((ex.getCause() != null) ? ex.getCause() : ex);
		}
		assertHandled(result);
	}

	/**
	 * Fails (a finding, for Jazzer) when the server answered with a 5xx, threw an
	 * exception no handler resolved, or showed a stack trace in an error answer.
	 */
	public static void assertHandled(MvcTestResult result) {
		if (result.getUnresolvedException() != null) {
			throw unresolved(result.getUnresolvedException());
		}
		int status = result.getResponse().getStatus();
		String body = body(result);
		if (status >= 500) {
			throw new AssertionError("Status " + status + " for " + describe(result) + ": " + body);
		}
		if (status < 400) {
			// a successful answer shows data, possibly what an earlier request of the
			// same input stored (a contact named "…at org.…"); stack traces come with
			// errors
			return;
		}
		String sent = sent(result);
		for (String mark : STACK_TRACE_MARKS) {
			// an error may quote what the client sent; only what Mailgate adds counts
			if (body.contains(mark) && !sent.contains(mark)) {
				throw new AssertionError("Stack trace mark '" + mark + "' for " + describe(result) + ": " + body);
			}
		}
	}

	/**
	 * One of the given values, or (one time in {@code oddOneIn}) a string of the fuzzer's
	 * own. Once the input is used up, the first value.
	 */
	public static String oneOf(FuzzedDataProvider data, List<String> values, int oddOneIn) {
		if (data.consumeInt(0, oddOneIn - 1) == oddOneIn - 1) {
			return data.consumeString(200);
		}
		return data.pickValue(values);
	}

	/**
	 * A {@code Content-Type} value as {@link #oneOf} picks it, but only one MockMvc can
	 * carry: a value Spring's parser fails on unexpectedly makes MockMvc itself throw
	 * before the request reaches Mailgate, so it is replaced by the first value. What the
	 * real server does with those is proven over its port
	 * ({@code UnreadableMediaTypesIntegrationTests}).
	 */
	public static String contentType(FuzzedDataProvider data, List<String> values, int oddOneIn) {
		String value = oneOf(data, values, oddOneIn);
		try {
			MediaType.parseMediaType(value);
		}
		catch (InvalidMediaTypeException ex) {
			// MockMvc carries it, and Spring answers it
		}
		catch (RuntimeException ex) {
			return values.get(0);
		}
		return value;
	}

	/**
	 * A JSON value of any kind, strings and keys from the fuzzer, nested at most
	 * {@code depth} deep; sometimes a long array, sometimes not JSON at all.
	 */
	public static String json(FuzzedDataProvider data, List<String> keys, int depth) {
		int kind = data.consumeInt(0, (depth > 0) ? 8 : 5);
		return switch (kind) {
			case 0 -> "null";
			case 1 -> Boolean.toString(data.consumeBoolean());
			case 2 ->
				(data.consumeBoolean()) ? Long.toString(data.consumeLong()) : Double.toString(data.consumeDouble());
			case 3 -> data.consumeString(30);
			case 4, 5 -> quoted(data.consumeString(100));
			case 6 -> array(data, keys, depth - 1);
			case 7 -> "[" + String.join(",", java.util.Collections.nCopies(data.consumeInt(0, 5000), "\"x\"")) + "]";
			default -> object(data, keys, depth - 1);
		};
	}

	/**
	 * A JSON object whose keys are mostly the given ones.
	 */
	public static String object(FuzzedDataProvider data, List<String> keys, int depth) {
		StringBuilder json = new StringBuilder("{");
		int size = data.consumeInt(0, 8);
		for (int i = 0; i < size; i++) {
			json.append((i > 0) ? "," : "").append(quoted(oneOf(data, keys, 6)));
			json.append(':').append(json(data, keys, depth));
		}
		return json.append('}').toString();
	}

	private static String array(FuzzedDataProvider data, List<String> keys, int depth) {
		StringBuilder json = new StringBuilder("[");
		int size = data.consumeInt(0, 4);
		for (int i = 0; i < size; i++) {
			json.append((i > 0) ? "," : "").append(json(data, keys, depth));
		}
		return json.append(']').toString();
	}

	/**
	 * A JSON string literal, escaped the way JSON wants.
	 */
	public static String quoted(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20) {
				json.append("\\u%04x".formatted((int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

	private static AssertionError unresolved(Throwable ex) {
		// the frames go in the message: Jazzer trims the cause's stack trace
		StringWriter trace = new StringWriter();
		ex.printStackTrace(new PrintWriter(trace));
		return new AssertionError("Unresolved exception (a 500 on a real server): "
				+ trace.toString().lines().limit(30).collect(Collectors.joining("\n")));
	}

	private static String sent(MvcTestResult result) {
		var request = result.getRequest();
		byte[] content = request.getContentAsByteArray();
		StringBuilder sent = new StringBuilder(request.getRequestURI()).append(request.getQueryString());
		sent.append((content != null) ? new String(content, StandardCharsets.UTF_8) : "");
		request.getParameterMap().forEach((name, values) -> sent.append(name).append(String.join("", values)));
		return sent.toString();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String describe(MvcTestResult result) {
		var request = result.getRequest();
		return request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + " "
				+ request.getParameterMap().keySet();
	}

}
