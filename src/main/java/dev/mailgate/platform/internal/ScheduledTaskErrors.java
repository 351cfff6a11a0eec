package dev.mailgate.platform.internal;

import dev.mailgate.platform.DatabaseOutage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ErrorHandler;

/**
 * What a failing {@code @Scheduled} job (pollers, flushes, clean-ups) leaves in the log.
 * Spring runs a repeating job again on its next turn whatever happens, and by default
 * logs every failure with its stack trace: four a second from the cache eviction poll
 * while the database is away. A database outage ({@link DatabaseOutage}) is logged in one
 * line once a minute instead; anything else as before.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledTaskErrors implements ErrorHandler {

	private static final Log log = LogFactory.getLog(ScheduledTaskErrors.class);

	private final OutageLog outages = new OutageLog(log);

	/**
	 * The scheduler on Java 17 (a thread pool).
	 */
	@Bean
	ThreadPoolTaskSchedulerCustomizer scheduledTaskErrorsOnPool() {
		return (scheduler) -> scheduler.setErrorHandler(this);
	}

	/**
	 * The scheduler on Java 21 and later (virtual threads).
	 */
	@Bean
	SimpleAsyncTaskSchedulerCustomizer scheduledTaskErrorsOnVirtualThreads() {
		return (scheduler) -> scheduler.setErrorHandler(this);
	}

	@Override
	public void handleError(Throwable failure) {
		if (!DatabaseOutage.causedBy(failure)) {
			log.error("A scheduled job failed; it runs again on its next turn", failure);
			return;
		}
		this.outages.warn("scheduled jobs retry on their next turn", failure);
	}

}
