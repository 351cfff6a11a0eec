package dev.mailgate.accounts.internal;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.web.server.Cookie;
import org.springframework.http.HttpHeaders;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie, as {@code server.servlet.session.cookie.*} describes it (what
 * Spring Boot would make), except that the protocol endpoints, the API, health checks and
 * email tracking never read it: a request there never looks a session up in the database,
 * even when a browser sends the cookie along. They are the hot paths, and none of them
 * serves a signed-in person (bearer tokens, client credentials, signed links).
 */
final class SessionCookies implements CookieSerializer {

	private static final List<String> WITHOUT_SESSION = List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke",
			"/oauth2/jwks", "/oauth2/register", "/userinfo", "/api/", "/.well-known/", "/actuator/health", "/t/",
			"/u/");

	private final DefaultCookieSerializer cookies = new DefaultCookieSerializer();

	SessionCookies(Cookie cookie) {
		PropertyMapper map = PropertyMapper.get();
		map.from(cookie::getName).to(this.cookies::setCookieName);
		map.from(cookie::getDomain).to(this.cookies::setDomainName);
		map.from(cookie::getPath).to(this.cookies::setCookiePath);
		map.from(cookie::getHttpOnly).to(this.cookies::setUseHttpOnlyCookie);
		map.from(cookie::getSecure).to(this.cookies::setUseSecureCookie);
		map.from(cookie::getMaxAge).asInt(Duration::getSeconds).to(this.cookies::setCookieMaxAge);
		map.from(cookie::getSameSite).to((sameSite) -> this.cookies.setSameSite(sameSite.attributeValue()));
		map.from(cookie::getPartitioned).to(this.cookies::setPartitioned);
	}

	@Override
	public void writeCookieValue(CookieValue cookieValue) {
		this.cookies.writeCookieValue(cookieValue);
	}

	@Override
	public List<String> readCookieValues(HttpServletRequest request) {
		// most API calls carry no cookie at all: answered before the path is looked at
		if (request.getHeader(HttpHeaders.COOKIE) == null || withoutSession(request)) {
			return List.of();
		}
		return this.cookies.readCookieValues(request);
	}

	/**
	 * @return whether the request (or, for an error page, the request that failed) goes
	 * to an address that never uses a session, or is the error page of a 503: the
	 * database that keeps the sessions may be the one that is away, and that page must
	 * show all the same
	 */
	static boolean withoutSession(HttpServletRequest request) {
		if (Integer.valueOf(HttpServletResponse.SC_SERVICE_UNAVAILABLE)
			.equals(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE))) {
			return true;
		}
		Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String uri = (failed instanceof String failedUri) ? failedUri : request.getRequestURI();
		String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
		for (String prefix : WITHOUT_SESSION) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
