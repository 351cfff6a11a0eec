package dev.mailgate.accounts.internal;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import dev.mailgate.accounts.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The person behind a signed-in browser session. Platform administrators (the operators
 * of this Mailgate) also hold {@code ROLE_ADMIN}.
 */
public final class SignedInUser implements UserDetails, CredentialsContainer {

	@Serial
	private static final long serialVersionUID = 1L;

	private final UserId id;

	private final String email;

	private final String displayName;

	private final boolean platformAdmin;

	private @Nullable String passwordHash;

	SignedInUser(UserRow user) {
		this.id = user.id();
		this.email = user.email().value();
		this.displayName = user.displayName();
		this.platformAdmin = user.platformAdmin();
		this.passwordHash = user.passwordHash();
	}

	public UserId id() {
		return this.id;
	}

	public String email() {
		return this.email;
	}

	public String displayName() {
		return this.displayName;
	}

	public boolean platformAdmin() {
		return this.platformAdmin;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.platformAdmin
				? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
				: List.of(new SimpleGrantedAuthority("ROLE_USER"));
	}

	@Override
	public @Nullable String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.email;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

}
