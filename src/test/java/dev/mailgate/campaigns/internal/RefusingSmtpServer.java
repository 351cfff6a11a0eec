package dev.mailgate.campaigns.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP server (RFC 5321) that answers {@code 550} to {@code RCPT TO} for one
 * address and takes every other message, as a receiving server refuses an unknown
 * mailbox. GreenMail takes every address, so it cannot play this part.
 */
final class RefusingSmtpServer implements AutoCloseable {

	static final String REPLY = "550 5.1.1 No such mailbox here";

	private final ServerSocket socket;

	private final String refused;

	/** The recipients of the messages it took. */
	final List<String> delivered = new CopyOnWriteArrayList<>();

	RefusingSmtpServer(String refused) {
		this.refused = refused.toLowerCase(Locale.ROOT);
		try {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread thread = new Thread(this::serve, "refusing-smtp");
		thread.setDaemon(true);
		thread.start();
	}

	int port() {
		return this.socket.getLocalPort();
	}

	private void serve() {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				converse(client);
			}
			catch (IOException ex) {
				// closed, or the client went away
			}
		}
	}

	private void converse(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
		PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
		reply(out, "220 refusing.test ESMTP");
		String recipient = null;
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			String command = line.toUpperCase(Locale.ROOT);
			if (command.startsWith("EHLO") || command.startsWith("HELO")) {
				reply(out, "250 refusing.test");
			}
			else if (command.startsWith("RCPT TO:")) {
				String address = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase(Locale.ROOT);
				if (address.equals(this.refused)) {
					reply(out, REPLY);
				}
				else {
					recipient = address;
					reply(out, "250 OK");
				}
			}
			else if (command.equals("DATA")) {
				reply(out, "354 End data with <CR><LF>.<CR><LF>");
				for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
					// the message itself is not kept
				}
				this.delivered.add(recipient);
				reply(out, "250 OK");
			}
			else if (command.startsWith("QUIT")) {
				reply(out, "221 Bye");
				return;
			}
			else {
				// MAIL FROM, RSET, NOOP
				reply(out, "250 OK");
			}
		}
	}

	private static void reply(PrintWriter out, String line) {
		out.print(line + "\r\n");
		out.flush();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
