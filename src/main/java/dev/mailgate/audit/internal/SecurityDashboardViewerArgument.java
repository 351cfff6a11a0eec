package dev.mailgate.audit.internal;

import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.platform.ErrorDetail;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands the security pages their {@link SecurityDashboardViewer}: the signed-in person's
 * default workspace, found through {@link Accounts} as the contact pages do, if they own
 * or administer it or are a platform administrator. Anyone else gets a 403 page.
 */
@Configuration(proxyBeanMethods = false)
class SecurityDashboardViewerArgument implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	private static final String ONLY_ADMINISTRATORS = "The security pages are for the owners and admins of a workspace. "
			+ "Ask one of them if you need to know something.";

	private final Accounts accounts;

	SecurityDashboardViewerArgument(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == SecurityDashboardViewer.class;
	}

	@Override
	public SecurityDashboardViewer resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
			NativeWebRequest request, @Nullable WebDataBinderFactory binders) {
		Principal principal = request.getUserPrincipal();
		if (principal == null) {
			throw new AccessDeniedException("Sign in first");
		}
		WorkspaceMember member = this.accounts.memberByEmail(principal.getName())
			.orElseThrow(() -> new AccessDeniedException("No account or no workspace"));
		boolean platformAdmin = request.isUserInRole("ADMIN");
		if (!member.administers() && !platformAdmin) {
			HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
			if (servletRequest != null) {
				ErrorDetail.attach(servletRequest, ONLY_ADMINISTRATORS);
			}
			throw new AccessDeniedException("Only workspace owners and admins see the security pages");
		}
		return new SecurityDashboardViewer(member.person().email(), member.workspace(), member.workspaceName(),
				platformAdmin);
	}

}
