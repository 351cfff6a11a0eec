package dev.mailgate.ratelimit.internal;

import dev.mailgate.oauth.OAuthEvents;

import org.springframework.context.event.EventListener;

/**
 * Counts each failed client authentication against the caller's address and the client id
 * it claimed; {@link OAuthEndpointLimits} refuses them once either budget is spent.
 */
class FailedClientAuthentications {

	private final Limiter limiter;

	private final Policies policies;

	FailedClientAuthentications(Limiter limiter, Policies policies) {
		this.limiter = limiter;
		this.policies = policies;
	}

	@EventListener
	void on(OAuthEvents.ClientAuthenticationFailed failed) {
		if (failed.address() != null) {
			this.limiter.spend(this.policies.clientAuthPerIp(), failed.address());
		}
		if (failed.clientId() != null) {
			this.limiter.spend(this.policies.clientAuthPerClient(), failed.clientId());
		}
	}

}
