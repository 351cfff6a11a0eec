package dev.mailgate.accounts.internal;

import java.time.Clock;
import java.time.Instant;

import dev.mailgate.accounts.Role;
import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens accounts: the user, their workspace and their ownership of it, all or nothing.
 */
@Service
class Registration {

	private final JdbcAccounts accounts;

	private final PasswordEncoder passwords;

	private final Clock clock;

	Registration(JdbcAccounts accounts, PasswordEncoder passwords, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.clock = clock;
	}

	@Transactional
	SignedInUser register(NewAccount account) {
		return register(account, this.passwords.encode(account.password()));
	}

	/**
	 * Registers with the password's hash computed already (by this application's
	 * {@code PasswordEncoder}); the bootstrap administrator's is computed while Mailgate
	 * starts.
	 */
	@Transactional
	SignedInUser register(NewAccount account, String passwordHash) {
		if (this.accounts.userByEmail(account.email()).isPresent()) {
			throw new EmailAlreadyRegistered(account.email());
		}
		Instant now = this.clock.instant();
		UserRow user = new UserRow(UserId.random(), account.email(), account.displayName().strip(), passwordHash,
				account.platformAdmin(), now);
		WorkspaceId workspace = WorkspaceId.random();
		try {
			this.accounts.insert(user);
		}
		catch (DuplicateKeyException ex) {
			throw new EmailAlreadyRegistered(account.email());
		}
		this.accounts.insertWorkspace(workspace, account.workspaceName().strip(), now);
		this.accounts.insertMembership(workspace, user.id(), Role.OWNER, now);
		return new SignedInUser(user);
	}

}
