package dev.mailgate.webhooks.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that receives webhooks: it answers with the statuses it
 * is told to (then 200), and keeps every request it got.
 */
final class ReceivingEndpoint implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Deque<Integer> statuses = new ArrayDeque<>();

	private volatile int otherwise = 200;

	record Received(Map<String, String> headers, String body, Instant at) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		}

	}

	ReceivingEndpoint() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> headers = new java.util.HashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
						String.join(",", values)));
			this.received.add(new Received(headers, body, Instant.now()));
			int status;
			synchronized (this.statuses) {
				status = this.statuses.isEmpty() ? this.otherwise : this.statuses.poll();
			}
			byte[] answer = ("answer " + status).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks";
	}

	/**
	 * Answers these statuses to the next requests, in order.
	 */
	ReceivingEndpoint answering(Integer... statuses) {
		synchronized (this.statuses) {
			this.statuses.addAll(List.of(statuses));
		}
		return this;
	}

	ReceivingEndpoint answeringAlways(int status) {
		this.otherwise = status;
		return this;
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	/**
	 * Waits until a request matches, at most 20 seconds.
	 */
	Received await(Predicate<Received> matching) {
		return awaitCount(matching, 1).get(0);
	}

	List<Received> awaitCount(Predicate<Received> matching, int count) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			List<Received> matches = this.received.stream().filter(matching).toList();
			if (matches.size() >= count) {
				return matches;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new AssertionError("Expected %d matching webhooks within 20 s; got %s".formatted(count, this.received));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
