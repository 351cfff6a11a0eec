package dev.mailgate.accounts.internal;

import java.security.Principal;
import java.util.List;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceMember;
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
 * Hands any page controller the signed-in person in their default workspace, with their
 * role: a {@link WorkspaceMember} parameter. Someone not signed in, or without a
 * workspace, is refused.
 */
@Configuration(proxyBeanMethods = false)
class WorkspaceMemberArgument implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	private final Accounts accounts;

	WorkspaceMemberArgument(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == WorkspaceMember.class;
	}

	@Override
	public WorkspaceMember resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
			NativeWebRequest request, @Nullable WebDataBinderFactory binders) {
		Principal principal = request.getUserPrincipal();
		if (principal == null) {
			throw new AccessDeniedException("Sign in first");
		}
		return this.accounts.memberByEmail(principal.getName())
			.orElseThrow(() -> new AccessDeniedException("No account or no workspace"));
	}

}
