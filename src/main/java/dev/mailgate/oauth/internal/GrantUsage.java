package dev.mailgate.oauth.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers when and from which network each person's grant was last used, without a
 * database write per API call: the latest use per grant is kept in memory and written in
 * one batch every few seconds, and on shutdown. Only a coarse network is kept (the /24 of
 * an IPv4 address, the /48 of an IPv6 one): enough for a person to recognise "my office"
 * or "not me", not enough to locate anyone.
 */
@Component
class GrantUsage {

	private final ConcurrentHashMap<Grant, Use> pending = new ConcurrentHashMap<>();

	private final ConnectedApps connectedApps;

	private final Clock clock;

	GrantUsage(ConnectedApps connectedApps, Clock clock) {
		this.connectedApps = connectedApps;
		this.clock = clock;
	}

	/**
	 * A person's grant was used by a call from this address.
	 */
	void used(String registeredClientId, String principal, @Nullable String address) {
		Grant grant = new Grant(registeredClientId, principal);
		Instant now = this.clock.instant();
		Use last = this.pending.get(grant);
		// a read takes no lock and a write locks the key: of a busy grant's API calls,
		// about one a second writes
		if (last != null && Objects.equals(last.address(), address) && last.at().isAfter(now.minusSeconds(1))) {
			return;
		}
		this.pending.put(grant, new Use(now, address));
	}

	@Scheduled(fixedDelayString = "${mailgate.oauth.grant-usage-flush:10s}")
	@PreDestroy
	void flush() {
		if (this.pending.isEmpty()) {
			return;
		}
		Map<Grant, Use> taken = new HashMap<>();
		Map<Grant, Use> batch = new HashMap<>();
		for (Grant grant : this.pending.keySet()) {
			Use use = this.pending.remove(grant);
			if (use != null) {
				taken.put(grant, use);
				batch.put(grant, new Use(use.at(), network(use.address())));
			}
		}
		try {
			this.connectedApps.recordUse(batch);
		}
		catch (RuntimeException ex) {
			// the next flush tries again, unless a newer use came in meanwhile
			taken.forEach(this.pending::putIfAbsent);
			throw ex;
		}
	}

	/**
	 * The network an address belongs to, coarsely: {@code 203.0.113.0/24} or
	 * {@code 2001:db8:1::/48}.
	 */
	static @Nullable String network(@Nullable String address) {
		if (address == null || address.isBlank() || !address.matches("[0-9a-fA-F:.]+")) {
			return null;
		}
		try {
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length == 4) {
				return "%d.%d.%d.0/24".formatted(bytes[0] & 0xff, bytes[1] & 0xff, bytes[2] & 0xff);
			}
			return "%x:%x:%x::/48".formatted(((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff),
					((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff), ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff));
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	record Grant(String registeredClientId, String principal) {
	}

	/**
	 * @param address the caller's address in memory, its network once flushed
	 */
	record Use(Instant at, @Nullable String address) {
	}

}
