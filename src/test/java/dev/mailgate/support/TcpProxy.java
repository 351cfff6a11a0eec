package dev.mailgate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a server (PostgreSQL), for outage tests: while
 * {@link #cut() cut}, it closes every connection and refuses new ones, as a stopped
 * database does; while {@link #freeze() frozen}, it holds every byte and answers nothing,
 * as a network that drops packets does. Plain sockets, one thread per direction.
 */
public final class TcpProxy implements AutoCloseable {

	private enum State {

		OPEN, CUT, FROZEN

	}

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile State state = State.OPEN;

	public TcpProxy(String host, int port) {
		this.target = new InetSocketAddress(host, port);
		try {
			this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		daemon("tcp-proxy-accept", this::accept);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Closes every connection and refuses new ones until {@link #restore()}.
	 */
	public void cut() {
		this.state = State.CUT;
		closeAll();
	}

	/**
	 * Holds every byte in both directions, and accepts new connections without answering,
	 * until {@link #restore()} (which then closes them all).
	 */
	public void freeze() {
		this.state = State.FROZEN;
	}

	public void restore() {
		State was = this.state;
		this.state = State.OPEN;
		if (was == State.FROZEN) {
			closeAll();
		}
	}

	@Override
	public void close() {
		cut();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.state == State.CUT) {
					client.close();
					continue;
				}
				this.sockets.add(client);
				if (this.state == State.FROZEN) {
					continue;
				}
				connect(client);
			}
			catch (IOException ex) {
				// the server socket closed
			}
		}
	}

	private void connect(Socket client) {
		Socket upstream = new Socket();
		try {
			upstream.connect(this.target, 2000);
		}
		catch (IOException ex) {
			// the target refused: the client sees a close
			close(client);
			return;
		}
		this.sockets.add(upstream);
		daemon("tcp-proxy-up", () -> pump(client, upstream));
		daemon("tcp-proxy-down", () -> pump(upstream, client));
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				while (this.state == State.FROZEN) {
					Thread.sleep(20);
				}
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			close(from);
			close(to);
		}
	}

	private void closeAll() {
		this.sockets.forEach(this::close);
	}

	private void close(Socket socket) {
		this.sockets.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

}
