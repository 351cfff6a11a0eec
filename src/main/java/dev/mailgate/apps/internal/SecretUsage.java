package dev.mailgate.apps.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.mailgate.apps.SecretId;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers when each secret was last used without a database write per request: uses are
 * kept in memory (the latest per secret) and written in one batch every few seconds, and
 * on shutdown.
 */
@Component
class SecretUsage {

	private final ConcurrentHashMap<SecretId, SecretUse> pending = new ConcurrentHashMap<>();

	private final JdbcSecrets secrets;

	private final Clock clock;

	SecretUsage(JdbcSecrets secrets, Clock clock) {
		this.secrets = secrets;
		this.clock = clock;
	}

	void used(SecretId secret, @Nullable String address) {
		Instant now = this.clock.instant();
		SecretUse last = this.pending.get(secret);
		// a read takes no lock and a write locks the key: of a busy app's requests, about
		// one a second writes (docs/benchmarks.md, "The token endpoint's tail")
		if (last != null && Objects.equals(last.address(), address) && last.at().isAfter(now.minusSeconds(1))) {
			return;
		}
		this.pending.put(secret, new SecretUse(now, address));
	}

	@Scheduled(fixedDelayString = "${mailgate.apps.secret-usage-flush:10s}")
	@PreDestroy
	void flush() {
		if (this.pending.isEmpty()) {
			return;
		}
		Map<SecretId, SecretUse> batch = new HashMap<>();
		for (SecretId secret : this.pending.keySet()) {
			SecretUse use = this.pending.remove(secret);
			if (use != null) {
				batch.put(secret, use);
			}
		}
		try {
			this.secrets.recordUse(batch);
		}
		catch (RuntimeException ex) {
			// the next flush tries again, unless a newer use came in meanwhile
			batch.forEach(this.pending::putIfAbsent);
			throw ex;
		}
	}

}
