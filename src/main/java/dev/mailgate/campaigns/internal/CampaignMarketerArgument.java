package dev.mailgate.campaigns.internal;

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
 * Hands the campaign pages a {@link Marketer}: the signed-in person's default workspace,
 * as the developer portal finds it.
 */
@Configuration(proxyBeanMethods = false)
class CampaignMarketerArgument implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	private final Accounts accounts;

	CampaignMarketerArgument(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Marketer.class;
	}

	@Override
	public Marketer resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
			NativeWebRequest request, @Nullable WebDataBinderFactory binders) {
		Principal principal = request.getUserPrincipal();
		if (principal == null) {
			throw new AccessDeniedException("Sign in first");
		}
		WorkspaceMember member = this.accounts.memberByEmail(principal.getName())
			.orElseThrow(() -> new AccessDeniedException("No account or no workspace"));
		return new Marketer(member.workspace(), member.person().email());
	}

}
