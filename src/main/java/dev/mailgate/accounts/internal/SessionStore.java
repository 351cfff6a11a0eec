package dev.mailgate.accounts.internal;

import dev.mailgate.platform.SecretBox;

import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;

/**
 * Sign-in sessions live in the database (Spring Session JDBC, tables
 * {@code accounts_sessions*}), so that any node serves any step of a browser's journey:
 * sign-in, the consent page, connecting an outside account, CSRF tokens and flash
 * messages. Spring Boot sets the repository up from {@code spring.session.*} and the
 * cookie's timeout from {@code server.servlet.session.timeout}; this adds sealed
 * attributes and a cookie that the hot paths never read.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sealedSessionAttributes(SecretBox box) {
		return (sessions) -> sessions.setConversionService(new SealedSessionAttributes(box));
	}

	@Bean
	CookieSerializer sessionCookies(ServerProperties server) {
		return new SessionCookies(server.getServlet().getSession().getCookie());
	}

}
