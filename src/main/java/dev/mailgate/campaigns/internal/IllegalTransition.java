package dev.mailgate.campaigns.internal;

/**
 * A step the campaign's current state does not allow, such as editing a campaign that is
 * sending or sending one twice: a 409.
 */
class IllegalTransition extends RuntimeException {

	IllegalTransition(String detail) {
		super(detail);
	}

}
