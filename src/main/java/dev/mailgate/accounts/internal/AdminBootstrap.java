package dev.mailgate.accounts.internal;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.mailgate.platform.Console;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator, as Keycloak does: from
 * {@code MAILGATE_BOOTSTRAP_ADMIN_EMAIL}/{@code _PASSWORD} when no administrator exists
 * yet, or, on an empty database with neither set, as {@code admin@localhost} with a
 * generated password that is printed once on the console (never logged).
 */
@Component
@Order(100)
class AdminBootstrap implements InitializingBean, ApplicationRunner {

	static final String GENERATED_EMAIL = "admin@localhost";

	private static final Log log = LogFactory.getLog(AdminBootstrap.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final BootstrapAdminProperties admin;

	private final JdbcAccounts accounts;

	private final Registration registration;

	private final PasswordEncoder passwords;

	private final Console console;

	private final Environment environment;

	private @Nullable NewAdministrator pending;

	AdminBootstrap(BootstrapAdminProperties admin, JdbcAccounts accounts, Registration registration,
			PasswordEncoder passwords, Console console, Environment environment) {
		this.admin = admin;
		this.accounts = accounts;
		this.registration = registration;
		this.passwords = passwords;
		this.console = console;
		this.environment = environment;
	}

	/**
	 * Decides, when the bean is created, whether this start creates an administrator, and
	 * if so starts hashing their password while the rest of Mailgate starts: Argon2 with
	 * code the JIT has not compiled yet takes about 0.4 s, which {@link #run} would
	 * otherwise add to a first start (docs/benchmarks.md, "Launch to healthy, the causes
	 * fixed"). The database is migrated by then.
	 */
	@Override
	public void afterPropertiesSet() {
		this.pending = administratorToCreate();
	}

	private @Nullable NewAdministrator administratorToCreate() {
		if (!this.admin.given()) {
			return this.accounts.hasUsers() ? null : NewAdministrator.hashing(EmailAddress.of(GENERATED_EMAIL),
					generatePassword(), true, this.passwords);
		}
		if (!BootstrapAdminProperties.hasText(this.admin.email())
				|| !BootstrapAdminProperties.hasText(this.admin.password())) {
			throw new IllegalStateException("Set both MAILGATE_BOOTSTRAP_ADMIN_EMAIL and "
					+ "MAILGATE_BOOTSTRAP_ADMIN_PASSWORD, or neither (to have an admin password generated)");
		}
		if (this.accounts.hasPlatformAdmin()) {
			log.info("An administrator exists already; MAILGATE_BOOTSTRAP_ADMIN_* is not used again");
			return null;
		}
		return NewAdministrator.hashing(EmailAddress.of(Objects.requireNonNull(this.admin.email())),
				Objects.requireNonNull(this.admin.password()), false, this.passwords);
	}

	@Override
	public void run(ApplicationArguments args) {
		NewAdministrator administrator = this.pending;
		this.pending = null;
		// another node of the cluster may have created one since this bean was created
		if (administrator == null
				|| (administrator.generated() ? this.accounts.hasUsers() : this.accounts.hasPlatformAdmin())) {
			return;
		}
		this.registration.register(
				new NewAccount(administrator.email(), "Administrator", administrator.password(), "Mailgate", true),
				administrator.hash().join());
		if (!administrator.generated()) {
			log.info("Created the bootstrap administrator " + administrator.email());
			return;
		}
		log.info("Created the administrator " + GENERATED_EMAIL
				+ " with a generated password, shown once on the console");
		this.console.announce("Mailgate created its first administrator.", "", "  Open      " + signInUrl(),
				"  Email     " + GENERATED_EMAIL, "  Password  " + administrator.password(), "",
				"This password is shown only this once. Sign in and change it under Account.");
	}

	private String signInUrl() {
		String issuer = this.environment.getProperty("mailgate.issuer");
		if (issuer != null && !issuer.isBlank()) {
			return issuer.replaceAll("/+$", "") + SignInPaths.SIGN_IN;
		}
		boolean tls = this.environment.getProperty("server.ssl.enabled", Boolean.class, false);
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8443"));
		return (tls ? "https" : "http") + "://localhost:" + port + SignInPaths.SIGN_IN;
	}

	static String generatePassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			if (i > 0 && i % 5 == 0) {
				password.append('-');
			}
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

	/**
	 * The administrator this start creates, with their password's hash being computed on
	 * another thread.
	 */
	record NewAdministrator(EmailAddress email, String password, boolean generated, CompletableFuture<String> hash) {

		static NewAdministrator hashing(EmailAddress email, String password, boolean generated,
				PasswordEncoder passwords) {
			return new NewAdministrator(email, password, generated,
					CompletableFuture.supplyAsync(() -> passwords.encode(password)));
		}

		@Override
		public String toString() {
			return "NewAdministrator[email=" + this.email + ", password=<hidden>]";
		}

	}

}
