package dev.mailgate.accounts.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.AccountEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
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
			SecurityContextRepository contexts, ApplicationEventPublisher events) throws Exception {
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
				.successHandler(new SignedIn(throttle, accounts, events, clock))
				.failureHandler(new SignInFailed(throttle, events, clock)))
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
	 * Clears the account's failed attempts, records when it last signed in and tells the
	 * audit log.
	 */
	static final class SignedIn extends SavedRequestAwareAuthenticationSuccessHandler {

		private final SignInThrottle throttle;

		private final JdbcAccounts accounts;

		private final ApplicationEventPublisher events;

		private final Clock clock;

		SignedIn(SignInThrottle throttle, JdbcAccounts accounts, ApplicationEventPublisher events, Clock clock) {
			this.throttle = throttle;
			this.accounts = accounts;
			this.events = events;
			this.clock = clock;
			setDefaultTargetUrl("/");
		}

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				Authentication authentication) throws ServletException, IOException {
			this.throttle.succeeded(request.getParameter(SignInPaths.EMAIL_PARAMETER));
			if (authentication.getPrincipal() instanceof SignedInUser user) {
				Instant now = this.clock.instant();
				this.accounts.recordSignIn(user.id(), now);
				this.events.publishEvent(new AccountEvents.SignInSucceeded(user.id(), authentication.getName(),
						request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), now));
			}
			super.onAuthenticationSuccess(request, response, authentication);
		}

	}

	/**
	 * Counts the failure against the account and the address, tells the audit log, then
	 * shows the form again.
	 */
	static final class SignInFailed extends SimpleUrlAuthenticationFailureHandler {

		private final SignInThrottle throttle;

		private final ApplicationEventPublisher events;

		private final Clock clock;

		SignInFailed(SignInThrottle throttle, ApplicationEventPublisher events, Clock clock) {
			super(SignInPaths.SIGN_IN + "?error");
			this.throttle = throttle;
			this.events = events;
			this.clock = clock;
		}

		@Override
		public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException, ServletException {
			String email = request.getParameter(SignInPaths.EMAIL_PARAMETER);
			this.throttle.failed(email, request.getRemoteAddr());
			this.events.publishEvent(new AccountEvents.SignInFailed((email != null) ? email.strip() : "",
					request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), this.clock.instant()));
			super.onAuthenticationFailure(request, response, exception);
		}

	}

}
