package dev.mailgate.accounts.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The chain for pages, which comes after every other: form sign-in with Argon2id password
 * hashes, sign-out, and the sign-in slow-down.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurity {

	@Bean
	PasswordEncoder passwordEncoder() {
		// Argon2id for new hashes; bcrypt hashes (from imports or older settings) still
		// verify.
		return new DelegatingPasswordEncoder("argon2", Map.of("argon2",
				Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder()));
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 10)
	SecurityFilterChain pageChain(HttpSecurity http, SignInThrottle throttle, JdbcAccounts accounts, Clock clock,
			SecurityContextRepository contexts) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(SignInPaths.SIGN_IN, SignInPaths.THROTTLED, SignInPaths.SIGN_UP, "/error", "/css/**",
						"/img/**", "/js/**", "/favicon.ico")
				.permitAll()
				.anyRequest()
				.authenticated())
			.securityContext((context) -> context.securityContextRepository(contexts))
			.formLogin((form) -> form.loginPage(SignInPaths.SIGN_IN)
				.usernameParameter(SignInPaths.EMAIL_PARAMETER)
				.successHandler(new SignedIn(throttle, accounts, clock))
				.failureHandler(new SignInFailed(throttle)))
			.logout((logout) -> logout.logoutSuccessUrl(SignInPaths.SIGN_IN + "?signedOut"))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(signInOrProblem()))
			.addFilterBefore(new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
			.build();
	}

	/**
	 * Browsers go to the sign-in page; clients that ask for JSON get a 401 problem from
	 * the error page instead of a redirect they cannot follow.
	 */
	private static AuthenticationEntryPoint signInOrProblem() {
		MediaTypeRequestMatcher json = new MediaTypeRequestMatcher(MediaType.APPLICATION_JSON,
				MediaType.APPLICATION_PROBLEM_JSON);
		json.setUseEquals(true);
		AuthenticationEntryPoint problem = (request, response, ex) -> response
			.sendError(HttpStatus.UNAUTHORIZED.value());
		return DelegatingAuthenticationEntryPoint.builder()
			.addEntryPointFor(problem, json)
			.defaultEntryPoint(new LoginUrlAuthenticationEntryPoint(SignInPaths.SIGN_IN))
			.build();
	}

	/**
	 * Clears the account's failed attempts and records when it last signed in.
	 */
	static final class SignedIn extends SavedRequestAwareAuthenticationSuccessHandler {

		private final SignInThrottle throttle;

		private final JdbcAccounts accounts;

		private final Clock clock;

		SignedIn(SignInThrottle throttle, JdbcAccounts accounts, Clock clock) {
			this.throttle = throttle;
			this.accounts = accounts;
			this.clock = clock;
			setDefaultTargetUrl("/");
		}

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				Authentication authentication) throws ServletException, IOException {
			this.throttle.succeeded(request.getParameter(SignInPaths.EMAIL_PARAMETER));
			if (authentication.getPrincipal() instanceof SignedInUser user) {
				this.accounts.recordSignIn(user.id(), this.clock.instant());
			}
			super.onAuthenticationSuccess(request, response, authentication);
		}

	}

	/**
	 * Counts the failure against the account and the address, then shows the form again.
	 */
	static final class SignInFailed extends SimpleUrlAuthenticationFailureHandler {

		private final SignInThrottle throttle;

		SignInFailed(SignInThrottle throttle) {
			super(SignInPaths.SIGN_IN + "?error");
			this.throttle = throttle;
		}

		@Override
		public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException, ServletException {
			this.throttle.failed(request.getParameter(SignInPaths.EMAIL_PARAMETER), request.getRemoteAddr());
			super.onAuthenticationFailure(request, response, exception);
		}

	}

}
