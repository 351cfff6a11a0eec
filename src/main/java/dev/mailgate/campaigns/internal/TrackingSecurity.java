package dev.mailgate.campaigns.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The chains for what recipients and the public reach without signing in: the tracking
 * pixel and click redirects ({@code /t/**}), unsubscribe ({@code /u/**}) and archive
 * pages ({@code /archive/**}). The signed link is the authorization, so no session is
 * made or read. Both come before the page chain and keep the app's security headers
 * (platform's defaults, applied to every chain).
 */
@Configuration(proxyBeanMethods = false)
class TrackingSecurity {

	/**
	 * An archived message's own HTML, framed by its archive page: its styles inline (as
	 * email HTML has them), no scripts, no forms, no plugins, framed only by Mailgate,
	 * and sandboxed even when opened on its own.
	 */
	static final String ARCHIVE_CONTENT_POLICY = "default-src 'none'; img-src https: data:; "
			+ "style-src 'unsafe-inline' https:; font-src https: data:; base-uri 'none'; form-action 'none'; "
			+ "frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox";

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 21)
	SecurityFilterChain archiveContentChain(HttpSecurity http) throws Exception {
		return publicChain(http.securityMatcher("/archive/*/content"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(ARCHIVE_CONTENT_POLICY))
				.frameOptions((frames) -> frames.sameOrigin()))
			.build();
	}

	/**
	 * CSRF protection is off for unsubscribe only: RFC 8058 §3.2's one-click POST comes
	 * from mail providers, which have no token (the signed URL is what authorizes it);
	 * every other request of this chain is a GET.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 20)
	SecurityFilterChain trackingChain(HttpSecurity http) throws Exception {
		return publicChain(http.securityMatcher("/t/**", "/u/**", "/archive/**"))
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/u/**"))
			.build();
	}

	private static HttpSecurity publicChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.requireExplicitSave(true));
	}

}
