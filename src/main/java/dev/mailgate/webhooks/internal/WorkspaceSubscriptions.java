package dev.mailgate.webhooks.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.CacheEvictions;

import org.springframework.stereotype.Component;

/**
 * The enabled subscriptions of each workspace, cached briefly: the outbox asks once per
 * contact of a 1,000-contact batch, and most workspaces have none. Every change evicts
 * the workspace's entry on every node.
 */
@Component
class WorkspaceSubscriptions {

	static final String CACHE = "webhooks.subscriptions";

	private final Cache<UUID, List<Target>> cache = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(30))
		.maximumSize(10_000)
		.build();

	private final JdbcSubscriptions subscriptions;

	private final CacheEvictions evictions;

	WorkspaceSubscriptions(JdbcSubscriptions subscriptions, CacheEvictions evictions) {
		this.subscriptions = subscriptions;
		this.evictions = evictions;
		evictions.listen(CACHE, (key) -> this.cache.invalidate(UUID.fromString(key)));
	}

	/**
	 * The enabled subscriptions of the workspace that want this event.
	 */
	List<UUID> wanting(WorkspaceId workspace, EventType type) {
		List<Target> targets = this.cache.get(workspace.value(),
				(key) -> this.subscriptions.enabledIn(workspace)
					.stream()
					.map((s) -> new Target(s.id(), List.copyOf(s.events())))
					.toList());
		if (targets.isEmpty()) {
			return List.of();
		}
		return targets.stream().filter((t) -> t.events().contains(type.value())).map(Target::id).toList();
	}

	void changed(WorkspaceId workspace) {
		this.evictions.evict(CACHE, workspace.value().toString());
	}

	private record Target(UUID id, List<String> events) {
	}

}
