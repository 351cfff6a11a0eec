package dev.mailgate.accounts.internal;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Finds the account behind an email for Spring Security's sign-in, and stores a password
 * hash anew when the hashing settings have moved on since it was made.
 */
@Service
class AccountUserDetails implements UserDetailsService, UserDetailsPasswordService {

	private final JdbcAccounts accounts;

	AccountUserDetails(JdbcAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		try {
			return this.accounts.userByEmail(EmailAddress.of(email))
				.map(SignedInUser::new)
				.orElseThrow(() -> new UsernameNotFoundException("No account for that email"));
		}
		catch (IllegalArgumentException ex) {
			throw new UsernameNotFoundException("Not an email address");
		}
	}

	@Override
	public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
		SignedInUser signedIn = (SignedInUser) user;
		this.accounts.changePassword(signedIn.id(), newPasswordHash);
		return this.accounts.user(signedIn.id()).map(SignedInUser::new).orElseThrow();
	}

}
