package dev.mailgate.integrations.internal;

/**
 * What Mailgate can do with an account connected at a provider.
 */
enum Capability {

	/** Import the provider's contacts (HubSpot's contacts API, another Mailgate's). */
	CONTACTS,

	/** Share a sent campaign's archive page as a post (LinkedIn's Posts API). */
	SHARE,

	/** Push engagement events to the provider's events endpoint. */
	ANALYTICS

}
