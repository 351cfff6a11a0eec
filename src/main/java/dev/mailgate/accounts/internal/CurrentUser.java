package dev.mailgate.accounts.internal;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.platform.DatabaseOutage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.UrlBasedViewResolver;

/**
 * Gives every page the signed-in user (or nothing), and whether they administer their
 * workspace, for the layout's header. Added to a page's model once it has one, rather
 * than as {@code @ModelAttribute} methods of a controller advice: those would run for
 * every handler, the API's JSON endpoints included, where they cost about an eighth of a
 * bearer-token request (docs/benchmarks.md) for a model nobody renders.
 */
@Configuration(proxyBeanMethods = false)
class CurrentUser implements WebMvcConfigurer, HandlerInterceptor {

	private final JdbcAccounts accounts;

	CurrentUser(JdbcAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView page) {
		if (page == null || redirects(page)) {
			return;
		}
		SignedInUser user = signedIn();
		page.addObject("currentUser", user);
		page.addObject("currentUserAdministers", administers(user));
	}

	private static boolean redirects(ModelAndView page) {
		String name = page.getViewName();
		return (name != null) ? name.startsWith(UrlBasedViewResolver.REDIRECT_URL_PREFIX)
				: page.getView() instanceof SmartView view && view.isRedirectView();
	}

	private static @Nullable SignedInUser signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) ? user : null;
	}

	/**
	 * Whether the signed-in user is an owner or admin of their workspace, who sees the
	 * security pages. While the database is away: no, so that the error page still shows.
	 */
	private boolean administers(@Nullable SignedInUser user) {
		if (user == null) {
			return false;
		}
		try {
			return this.accounts.memberByEmail(user.email()).map(WorkspaceMember::administers).orElse(false);
		}
		catch (RuntimeException ex) {
			if (!DatabaseOutage.causedBy(ex)) {
				throw ex;
			}
			// the error page that says the database is away must not need it
			return false;
		}
	}

}
