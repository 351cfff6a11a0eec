package dev.mailgate.accounts.internal;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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

	private @Nullable HashInBackground pending;

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
	 * When this start is going to create the administrator, starts hashing their password
	 * now, while the rest of Mailgate starts: Argon2 with code the JIT has not compiled
	 * yet takes about 0.4 s, which {@link #run} would otherwise add to a first start
	 * (docs/benchmarks.md, "Launch to healthy, the causes fixed").
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.admin.given()) {
			if (BootstrapAdminProperties.hasText(this.admin.email())
					&& BootstrapAdminProperties.hasText(this.admin.password()) && !this.accounts.hasPlatformAdmin()) {
				this.pending = HashInBackground.start(Objects.requireNonNull(this.admin.password()), this.passwords);
			}
		}
		else if (!this.accounts.hasUsers()) {
			this.pending = HashInBackground.start(generatePassword(), this.passwords);
		}
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.admin.given()) {
			createConfiguredAdmin();
		}
		else if (!this.accounts.hasUsers()) {
			createGeneratedAdmin();
		}
		this.pending = null;
	}

	private void createConfiguredAdmin() {
		if (!BootstrapAdminProperties.hasText(this.admin.email())
				|| !BootstrapAdminProperties.hasText(this.admin.password())) {
			throw new IllegalStateException("Set both MAILGATE_BOOTSTRAP_ADMIN_EMAIL and "
					+ "MAILGATE_BOOTSTRAP_ADMIN_PASSWORD, or neither (to have an admin password generated)");
		}
		if (this.accounts.hasPlatformAdmin()) {
			log.info("An administrator exists already; MAILGATE_BOOTSTRAP_ADMIN_* is not used again");
			return;
		}
		EmailAddress email = EmailAddress.of(Objects.requireNonNull(this.admin.email()));
		String password = Objects.requireNonNull(this.admin.password());
		this.registration.register(new NewAccount(email, "Administrator", password, "Mailgate", true),
				hashOf(password));
		log.info("Created the bootstrap administrator " + email);
	}

	private void createGeneratedAdmin() {
		String password = (this.pending != null) ? this.pending.password() : generatePassword();
		this.registration.register(
				new NewAccount(EmailAddress.of(GENERATED_EMAIL), "Administrator", password, "Mailgate", true),
				hashOf(password));
		log.info("Created the administrator " + GENERATED_EMAIL
				+ " with a generated password, shown once on the console");
		this.console.announce("Mailgate created its first administrator.", "", "  Open      " + signInUrl(),
				"  Email     " + GENERATED_EMAIL, "  Password  " + password, "",
				"This password is shown only this once. Sign in and change it under Account.");
	}

	/**
	 * The hash started in the background for this password, or a new one.
	 */
	private String hashOf(String password) {
		HashInBackground started = this.pending;
		return (started != null && started.password().equals(password)) ? started.await()
				: this.passwords.encode(password);
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
	 * A password and its hash, being computed on a thread of its own.
	 */
	record HashInBackground(String password, FutureTask<String> hash) {

		static HashInBackground start(String password, PasswordEncoder passwords) {
			FutureTask<String> hash = new FutureTask<>(() -> passwords.encode(password));
			Thread thread = new Thread(hash, "admin-bootstrap-hash");
			thread.setDaemon(true);
			thread.start();
			return new HashInBackground(password, hash);
		}

		String await() {
			try {
				return this.hash.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while hashing the administrator's password", ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Could not hash the administrator's password", ex.getCause());
			}
		}

		@Override
		public String toString() {
			return "HashInBackground[password=<hidden>]";
		}

	}

}
