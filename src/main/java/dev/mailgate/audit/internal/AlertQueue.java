package dev.mailgate.audit.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One thread that does the alert rules' slow work in turn: database look-ups, storing
 * alerts, actions and email. Listeners hand work over and return at once, so that no
 * request waits for it; one at a time, so that two hits of one rule and app cannot both
 * raise a new alert.
 */
@Component
class AlertQueue implements DisposableBean {

	private static final Log log = LogFactory.getLog(AlertQueue.class);

	private final ExecutorService thread = Executors.newSingleThreadExecutor((task) -> {
		Thread worker = new Thread(task, "mailgate-alerts");
		worker.setDaemon(true);
		return worker;
	});

	void execute(Runnable work) {
		try {
			this.thread.execute(() -> {
				try {
					work.run();
				}
				catch (RuntimeException ex) {
					log.error("An alert rule's work failed", ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			log.warn("Shutting down: alert work dropped");
		}
	}

	/**
	 * Waits until everything handed over so far is done (for tests that prove a rule
	 * stayed silent).
	 */
	void awaitIdle(Duration timeout) throws Exception {
		Future<?> marker = this.thread.submit(() -> {
		});
		marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() throws InterruptedException {
		this.thread.shutdown();
		this.thread.awaitTermination(5, TimeUnit.SECONDS);
	}

}
