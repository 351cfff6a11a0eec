package dev.mailgate.audit.internal;

import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes audit events. The log must not lose a line (STYLE.md §4): an event published
 * inside a transaction is written in that transaction, so the action and its line commit
 * or roll back together, and an action whose line cannot be written fails. An event of an
 * action outside any transaction (a failed sign-in, a failed client authentication) is
 * written on its own; if that fails, it is logged (its kind and the error's type, nothing
 * it held), since the action cannot be undone.
 */
@Component
class AuditRecorder {

	private static final Log log = LogFactory.getLog(AuditRecorder.class);

	private final AuditLog auditLog;

	private final TransactionTemplate ownTransaction;

	AuditRecorder(AuditLog auditLog, PlatformTransactionManager transactions) {
		this.auditLog = auditLog;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Builds the entry and appends it; a failure of either is logged.
	 */
	void record(AuditKind kind, Supplier<AuditEntry> entry) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			this.auditLog.append(entry.get());
			return;
		}
		try {
			AuditEntry built = entry.get();
			this.ownTransaction.executeWithoutResult((status) -> this.auditLog.append(built));
		}
		catch (RuntimeException ex) {
			log.warn("Could not write a %s audit event: %s".formatted(kind.value(), describe(ex)));
		}
	}

	/**
	 * Appends the entries together; a failure is logged.
	 * @return whether they were written
	 */
	boolean recordAll(List<AuditEntry> entries) {
		if (entries.isEmpty()) {
			return true;
		}
		try {
			this.ownTransaction.executeWithoutResult((status) -> entries.forEach(this.auditLog::append));
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Could not write %d aggregated audit events: %s".formatted(entries.size(), describe(ex)));
			return false;
		}
	}

	/**
	 * The types of the error and its causes: a driver's message may quote the values it
	 * was given.
	 */
	private static String describe(Throwable ex) {
		StringBuilder types = new StringBuilder(ex.getClass().getName());
		Throwable cause = ex.getCause();
		for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
			types.append(" caused by ").append(cause.getClass().getName());
		}
		return types.toString();
	}

}
