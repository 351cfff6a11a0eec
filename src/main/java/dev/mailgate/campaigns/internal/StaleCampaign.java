package dev.mailgate.campaigns.internal;

/**
 * A change named a version that is no longer current ({@code If-Match}, or a form opened
 * before someone else saved): a 412 in the API, a notice on the page.
 */
class StaleCampaign extends RuntimeException {

	StaleCampaign(long current) {
		super("The campaign changed since that version; its current ETag is \"%d\"".formatted(current));
	}

	StaleCampaign(String detail) {
		super(detail);
	}

}
