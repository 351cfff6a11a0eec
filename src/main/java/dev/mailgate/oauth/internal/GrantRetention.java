package dev.mailgate.oauth.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the grants nothing can use any more: those whose code, access token, refresh
 * token and ID token all expired longer ago than
 * {@link OAuthProperties#expiredGrantRetention()} (a day by default), and those started
 * that long ago and never completed (a consent page left open). Without it, every
 * client_credentials token would stay in the table for good. The refresh tokens a deleted
 * grant had spent are deleted after it, paged the same way by their key.
 * <p>
 * It pages through the store by id ({@link HashedAuthorizationService#purgeExpired}), a
 * thousand rows a statement, so that no statement holds the table for long, and needs no
 * index the token endpoint would have to keep up on every token it issues. Reading every
 * row costs about 3 s of one core per 100,000 rows on the embedded database
 * (docs/benchmarks.md), so a node runs it first an hour after it started, away from its
 * start and from the other nodes' turns. Every node runs it; a row another node deleted
 * first is simply gone.
 */
@Component
class GrantRetention {

	static final int PAGE = 1_000;

	private static final Log log = LogFactory.getLog(GrantRetention.class);

	private final HashedAuthorizationService authorizations;

	private final SignedGrants signed;

	private final TokenMacKeys keys;

	private final OAuthProperties properties;

	private final Clock clock;

	GrantRetention(HashedAuthorizationService authorizations, SignedGrants signed, TokenMacKeys keys,
			OAuthProperties properties, Clock clock) {
		this.authorizations = authorizations;
		this.signed = signed;
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Also forgets the revocations of signed tokens that expired before the same time,
	 * and deletes the token signing keys that check nothing any more.
	 * @return how many grants were deleted
	 */
	@Scheduled(initialDelayString = "${mailgate.oauth.expired-grant-purge:1h}",
			fixedDelayString = "${mailgate.oauth.expired-grant-purge:1h}")
	int purge() {
		long started = System.nanoTime();
		Instant before = this.clock.instant().minus(this.properties.expiredGrantRetention());
		int purged = 0;
		HashedAuthorizationService.PurgedPage page = new HashedAuthorizationService.PurgedPage("", 0, 0);
		do {
			page = this.authorizations.purgeExpired(page.last(), before, PAGE);
			purged += page.deleted();
		}
		while (page.read() == PAGE);
		int spent = 0;
		HashedAuthorizationService.SpentPage spentPage = new HashedAuthorizationService.SpentPage(Long.MIN_VALUE, 0, 0);
		do {
			spentPage = this.authorizations.purgeSpent(spentPage.last(), PAGE);
			spent += spentPage.deleted();
		}
		while (spentPage.read() == PAGE);
		if (spent > 0) {
			log.info("Forgot %d spent refresh tokens of grants that are gone".formatted(spent));
		}
		int retiredKeys = this.keys.purgeRetired();
		if (retiredKeys > 0) {
			log.info("Deleted %d token signing keys retired longer ago than their retention".formatted(retiredKeys));
		}
		int revocations = this.signed.purgeRevoked(before);
		if (revocations > 0) {
			log.info("Forgot %d revocations of signed tokens that expired before %s".formatted(revocations, before));
		}
		if (purged > 0) {
			// counts and times only: the rows' ids and hashes stay out of the log
			log.info("Deleted %d grants whose codes and tokens all expired before %s, in %d ms".formatted(purged,
					before, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
		}
		return purged;
	}

}
