package dev.mailgate.platform;

import java.io.IOException;

/**
 * A request body went past the API's size limit ({@code mailgate.api.max-body-size}); the
 * answer is a 413 problem.
 */
public class BodyTooLarge extends IOException {

	private final long limit;

	public BodyTooLarge(long limit) {
		super("The request body is larger than the limit of %d bytes".formatted(limit));
		this.limit = limit;
	}

	public long limit() {
		return this.limit;
	}

}
