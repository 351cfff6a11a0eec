package dev.mailgate.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.web.util.WebUtils;

/**
 * Lets MockMvc tests keep passing a {@code MockHttpSession} between requests while the
 * sessions really live in the database (Spring Session JDBC, as in production): the mock
 * session only carries the session cookie's value, the way a browser's cookie jar does.
 * When the application writes its session cookie, the value goes into the request's mock
 * session; a later request with that mock session and no cookie of its own sends it as
 * the cookie. Everything else (reading the session row, the hot paths that ignore the
 * cookie) is the application's own code. Requests over the real port are left alone.
 */
public class MockMvcSessionCookies implements BeanPostProcessor, EnvironmentAware {

	private static final String COOKIE_VALUE = MockMvcSessionCookies.class.getName() + ".cookie";

	private String cookieName = "SESSION";

	@Override
	public void setEnvironment(Environment environment) {
		this.cookieName = environment.getProperty("server.servlet.session.cookie.name", this.cookieName);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return (bean instanceof CookieSerializer cookies) ? new CarriedInMockSession(cookies) : bean;
	}

	private final class CarriedInMockSession implements CookieSerializer {

		private final CookieSerializer cookies;

		CarriedInMockSession(CookieSerializer cookies) {
			this.cookies = cookies;
		}

		@Override
		public void writeCookieValue(CookieValue cookieValue) {
			this.cookies.writeCookieValue(cookieValue);
			MockHttpServletRequest mock = mock(cookieValue.getRequest());
			if (mock == null) {
				return;
			}
			if (cookieValue.getCookieValue().isEmpty()) {
				HttpSession session = mock.getSession(false);
				if (session != null) {
					session.removeAttribute(COOKIE_VALUE);
				}
			}
			else {
				String encoded = Base64.getEncoder()
					.encodeToString(cookieValue.getCookieValue().getBytes(StandardCharsets.UTF_8));
				mock.getSession(true).setAttribute(COOKIE_VALUE, encoded);
			}
		}

		@Override
		public List<String> readCookieValues(HttpServletRequest request) {
			MockHttpServletRequest mock = mock(request);
			HttpSession session = (mock != null) ? mock.getSession(false) : null;
			if (session != null && session.getAttribute(COOKIE_VALUE) instanceof String value && !hasCookie(mock)) {
				Cookie[] cookies = (mock.getCookies() != null) ? mock.getCookies() : new Cookie[0];
				mock.setCookies(Stream.concat(Arrays.stream(cookies), Stream.of(new Cookie(cookieName(), value)))
					.toArray(Cookie[]::new));
			}
			return this.cookies.readCookieValues(request);
		}

		private boolean hasCookie(MockHttpServletRequest mock) {
			return mock.getCookies() != null
					&& Arrays.stream(mock.getCookies()).anyMatch((cookie) -> cookie.getName().equals(cookieName()));
		}

		private static @Nullable MockHttpServletRequest mock(HttpServletRequest request) {
			return WebUtils.getNativeRequest(request, MockHttpServletRequest.class);
		}

	}

	private String cookieName() {
		return this.cookieName;
	}

}
