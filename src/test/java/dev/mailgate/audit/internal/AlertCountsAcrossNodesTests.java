package dev.mailgate.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.audit.internal.AlertsProperties.FailedClientAuth;
import dev.mailgate.audit.internal.AlertsProperties.RefreshTokenReuse;
import dev.mailgate.audit.internal.AlertsProperties.RetiredSecret;
import dev.mailgate.audit.internal.AlertsProperties.TokenSurge;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.platform.SharedCounters;
import dev.mailgate.ratelimit.internal.RedisCountersForTests;
import dev.mailgate.ratelimit.internal.RedisCountersForTests.Node;
import dev.mailgate.support.Eventually;
import dev.mailgate.support.RedisCondition;
import dev.mailgate.support.RequiresRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes sharing one Redis count failed client authentications and issued tokens
 * together: an app's burst or surge spread over both meets the rule's threshold once.
 */
@RequiresRedis
class AlertCountsAcrossNodesTests {

	private static final Instant NOW = Instant.now();

	private final AppId app = AppId.random();

	private final AlertSettings settings = new AlertSettings(new AlertsProperties(
			new FailedClientAuth(4, Duration.ofMinutes(5), AlertAction.NONE), new RefreshTokenReuse(AlertAction.NONE),
			new TokenSurge(5, 10, AlertAction.NONE), new RetiredSecret(AlertAction.NONE), Duration.ofHours(1)));

	private final List<AlertHit> hits = new CopyOnWriteArrayList<>();

	private final Node a = RedisCountersForTests.node();

	private final Node b = RedisCountersForTests.node();

	private final AlertQueue queueA = new AlertQueue();

	private final AlertQueue queueB = new AlertQueue();

	@AfterEach
	void close() throws InterruptedException {
		this.queueA.destroy();
		this.queueB.destroy();
		this.a.close();
		this.b.close();
	}

	@Test
	void failedClientAuthenticationsSpreadOverTwoNodesMakeOneBurst() {
		AlertRules nodeA = new AlertRules(this.settings, new AlertBursts(this.a.counters()), raising(this.queueA));
		AlertRules nodeB = new AlertRules(this.settings, new AlertBursts(this.b.counters()), raising(this.queueB));

		nodeA.on(failure(0, "203.0.113.1"));
		nodeB.on(failure(1, "203.0.113.2"));
		nodeA.on(failure(2, "203.0.113.1"));
		nodeB.on(failure(3, "203.0.113.2"));

		awaitHits(1);
		assertThat(this.hits).singleElement().satisfies((hit) -> {
			assertThat(hit.rule()).isEqualTo(AlertRule.FAILED_CLIENT_AUTH_BURST);
			assertThat(hit.hits()).as("the whole burst of 4").isEqualTo(4);
			assertThat(hit.detail()).contains("203.0.113.1", "203.0.113.2");
		});
	}

	@Test
	void tokensIssuedOnTwoNodesMakeOneSurgeRaisedOnce() {
		AlertTokenRates nodeA = tokenRates(this.a.counters(), this.queueA);
		AlertTokenRates nodeB = tokenRates(this.b.counters(), this.queueB);

		// 3 + 3 tokens: each node alone is below the floor of 5, together they are past
		// it.
		for (int i = 0; i < 3; i++) {
			nodeA.on(issued());
		}
		awaitCount("alerts:token-surge:", 3);
		for (int i = 0; i < 3; i++) {
			nodeB.on(issued());
		}
		awaitHits(1);
		// Node A then sees the surge too, and finds it raised already.
		nodeA.on(issued());
		awaitCount("alerts:token-surge-raised:", 2);

		assertThat(this.hits).singleElement()
			.satisfies((hit) -> assertThat(hit.rule()).isEqualTo(AlertRule.TOKEN_SURGE));
	}

	private AlertTokenRates tokenRates(SharedCounters counters, AlertQueue queue) {
		AlertBaseline quiet = new AlertBaseline(null) {
			@Override
			double meanPerMinute(AppId app, Instant minuteStart) {
				return 0;
			}
		};
		return new AlertTokenRates(this.settings, quiet, queue, raising(queue), counters, Clock.systemUTC());
	}

	/** Collects hits instead of storing alerts. */
	private AlertRaising raising(AlertQueue queue) {
		return new AlertRaising(null, this.settings, queue, null, null, null, Clock.systemUTC()) {
			@Override
			void raise(AlertHit hit) {
				AlertCountsAcrossNodesTests.this.hits.add(hit);
			}
		};
	}

	private OAuthEvents.ClientAuthenticationFailed failure(int second, String address) {
		return new OAuthEvents.ClientAuthenticationFailed(this.app, "client-" + this.app.value(), address, null,
				NOW.plusSeconds(second));
	}

	private OAuthEvents.TokenIssued issued() {
		return new OAuthEvents.TokenIssued(this.app, "client-" + this.app.value(), WorkspaceId.random(),
				"client_credentials", NOW);
	}

	private void awaitHits(int count) {
		assertThat(Eventually.until(this.hits::size, (size) -> size >= count)).isGreaterThanOrEqualTo(count);
	}

	/** Waits until the app's counter of this minute in Redis reaches the count. */
	private void awaitCount(String counter, long count) {
		String key = "mailgate:shared:" + counter + this.app.value() + ":" + (NOW.getEpochSecond() / 60);
		RedisClient client = RedisClient.create(RedisCondition.URL);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			assertThat(Eventually.until(() -> connection.sync().get(key), String.valueOf(count)::equals))
				.isEqualTo(String.valueOf(count));
		}
		finally {
			client.shutdown();
		}
	}

}
