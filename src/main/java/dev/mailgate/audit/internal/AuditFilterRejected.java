package dev.mailgate.audit.internal;

/**
 * A filter or paging parameter of the audit log that is not one it understands.
 */
class AuditFilterRejected extends RuntimeException {

	private final String parameter;

	AuditFilterRejected(String parameter, String detail) {
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
