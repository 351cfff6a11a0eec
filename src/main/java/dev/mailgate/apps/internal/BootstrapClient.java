package dev.mailgate.apps.internal;

import dev.mailgate.apps.Scope;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores the bootstrap service app once, with its secret hashed, in the workspace of the
 * bootstrap administrator (who exists by the time this runs). The operator chose the
 * secret, so it need not have Mailgate's {@code mgs_} format, only 32 characters or more.
 */
@Component
@Order(200)
class BootstrapClient implements ApplicationRunner {

	static final String SCOPES = String.join(" ", Scope.allValues());

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,100}");

	private static final Log log = LogFactory.getLog(BootstrapClient.class);

	private final BootstrapClientProperties client;

	private final Accounts accounts;

	private final JdbcApps apps;

	private final Clock clock;

	BootstrapClient(BootstrapClientProperties client, Accounts accounts, JdbcApps apps, Clock clock) {
		this.client = client;
		this.accounts = accounts;
		this.apps = apps;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!this.client.given()) {
			return;
		}
		String clientId = check(this.client.id(), this.client.secret());
		if (this.apps.existsByClientId(clientId)) {
			log.info("The bootstrap client " + clientId + " exists already; its secret is not changed");
			return;
		}
		String secret = Objects.requireNonNull(this.client.secret());
		WorkspaceId workspace = this.accounts.bootstrapWorkspace()
			.orElseThrow(() -> new IllegalStateException("No bootstrap workspace for the bootstrap client"));
		Instant now = this.clock.instant();
		UUID app = this.apps.insertConfidentialApp(workspace, clientId, "Bootstrap service app", SCOPES, now);
		this.apps.insertSecret(app, SecretHash.of(secret), secret.substring(0, 4),
				secret.substring(secret.length() - 4), now);
		log.info("Created the bootstrap client " + clientId + " in workspace " + workspace);
	}

	static String check(@Nullable String id, @Nullable String secret) {
		if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
			throw new IllegalStateException(
					"Set both MAILGATE_BOOTSTRAP_CLIENT_ID and " + "MAILGATE_BOOTSTRAP_CLIENT_SECRET, or neither");
		}
		if (!CLIENT_ID.matcher(id).matches()) {
			throw new IllegalStateException("MAILGATE_BOOTSTRAP_CLIENT_ID may use only letters, digits and . _ ~ - "
					+ "(at most 100 characters)");
		}
		if (secret.length() < BootstrapClientProperties.MIN_SECRET_LENGTH) {
			throw new IllegalStateException("MAILGATE_BOOTSTRAP_CLIENT_SECRET must have at least "
					+ BootstrapClientProperties.MIN_SECRET_LENGTH + " characters; it has " + secret.length());
		}
		return id;
	}

}
