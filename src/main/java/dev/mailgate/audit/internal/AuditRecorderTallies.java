package dev.mailgate.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.ratelimit.RateLimited;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The aggregated kinds: issued access tokens per app and grant type, and requests refused
 * by a rate limit per limit, client id and address, one row per minute each. The token
 * endpoint publishes {@link OAuthEvents.TokenIssued} once per token on its hot path, so
 * listening is an in-memory increment and nothing else (no transaction synchronization,
 * no query); the counts are written a moment after each minute ends, and on shutdown.
 * Several nodes each write their own row for a minute.
 */
@Component
class AuditRecorderTallies {

	static final int MOST_KEYS = 10_000;

	private final AuditMinuteCounts<IssuedTo> tokens = new AuditMinuteCounts<>(MOST_KEYS);

	private final AuditMinuteCounts<Limited> refusals = new AuditMinuteCounts<>(MOST_KEYS);

	/** Rows a flush could not write, for the next one. */
	private final List<AuditEntry> unwritten = new ArrayList<>();

	private final AuditRecorder recorder;

	private final Apps apps;

	private final Clock clock;

	AuditRecorderTallies(AuditRecorder recorder, Apps apps, Clock clock) {
		this.recorder = recorder;
		this.apps = apps;
		this.clock = clock;
	}

	@EventListener
	void on(OAuthEvents.TokenIssued event) {
		this.tokens.add(new IssuedTo(event.app(), event.clientId(), event.appWorkspace(), event.grantType()),
				event.at());
	}

	@EventListener
	void on(RateLimited event) {
		this.refusals.add(new Limited(event.limit(), event.clientId(), event.address()),
				new Limited(event.limit(), null, null), event.at());
	}

	/**
	 * Writes the minutes that ended, two seconds into the next one.
	 */
	@Scheduled(cron = "2 * * * * *")
	void flushEndedMinutes() {
		flush(this.clock.instant());
	}

	@PreDestroy
	void flushAll() {
		flush(null);
	}

	/**
	 * Writes the counts of the minutes that ended before {@code now}, or of every minute.
	 */
	synchronized void flush(@Nullable Instant now) {
		List<AuditEntry> entries = new ArrayList<>(this.unwritten);
		this.unwritten.clear();
		this.tokens.drain(now).forEach((count) -> entries.add(issued(count)));
		this.refusals.drain(now).forEach((count) -> entries.add(refused(count)));
		if (!this.recorder.recordAll(entries) && entries.size() <= 2 * MOST_KEYS) {
			// the database is away for a moment: the next minute's flush writes them too
			this.unwritten.addAll(entries);
		}
	}

	private AuditEntry issued(AuditMinuteCounts.Count<IssuedTo> count) {
		IssuedTo key = count.key();
		return AuditEntry.of(AuditKind.TOKEN_ISSUED, count.minute())
			.withActor(key.clientId())
			.withWorkspace(key.workspace())
			.withApp(key.app(), key.clientId())
			.withDetail(key.grantType())
			.withCount(count.rowCount());
	}

	private AuditEntry refused(AuditMinuteCounts.Count<Limited> count) {
		Limited key = count.key();
		AppClient app = (key.clientId() != null) ? this.apps.byClientId(key.clientId()).orElse(null) : null;
		return AuditEntry.of(AuditKind.RATELIMIT_HIT, count.minute())
			.withActor(key.clientId())
			.withWorkspace((app != null) ? app.workspace() : null)
			.withApp((app != null) ? app.id() : null, key.clientId())
			.withOrigin(key.address(), null)
			.withDetail(key.limit())
			.withCount(count.rowCount());
	}

	private record IssuedTo(AppId app, String clientId, WorkspaceId workspace, String grantType) {
	}

	/**
	 * Beyond {@link #MOST_KEYS} callers in a minute, a limit's refusals count without
	 * their client id and address.
	 */
	private record Limited(String limit, @Nullable String clientId, @Nullable String address) {
	}

}
