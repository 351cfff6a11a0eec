package dev.mailgate.campaigns.internal;

/**
 * A parameter of the events API that it does not understand.
 */
class EventsApiRejected extends RuntimeException {

	private final String parameter;

	EventsApiRejected(String parameter, String detail) {
		super(detail);
		this.parameter = parameter;
	}

	/**
	 * The parameter's name, as the API spells it.
	 */
	String parameter() {
		return this.parameter;
	}

}
