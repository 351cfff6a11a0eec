package dev.mailgate.integrations.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * This node's name on the runs it holds: its host and a random part, so that two
 * processes on one host (or one restarted) are told apart.
 */
final class SyncNode {

	private SyncNode() {
	}

	static String name() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "node";
		}
		String name = host + "-" + UUID.randomUUID().toString().substring(0, 8);
		return (name.length() > 100) ? name.substring(name.length() - 100) : name;
	}

	/**
	 * Daemon threads for sync work, so that they never keep a stopping JVM alive.
	 */
	static ExecutorService threads(String name) {
		return Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
	}

}
