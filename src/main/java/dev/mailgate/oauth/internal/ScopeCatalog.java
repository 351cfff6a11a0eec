package dev.mailgate.oauth.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import dev.mailgate.apps.Scope;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Every scope in the words a marketer reads on the consent page.
 */
@Component
class ScopeCatalog {

	private final MessageSource messages;

	ScopeCatalog(MessageSource messages) {
		this.messages = messages;
	}

	List<ScopeView> describe(Collection<String> scopes, Locale locale) {
		return scopes.stream()
			.filter((scope) -> Scope.of(scope).isPresent())
			.sorted((a, b) -> Integer.compare(Scope.of(a).orElseThrow().ordinal(), Scope.of(b).orElseThrow().ordinal()))
			.map((scope) -> new ScopeView(scope,
					this.messages.getMessage("oauth.scope." + scope + ".title", null, scope, locale),
					this.messages.getMessage("oauth.scope." + scope + ".description", null, "", locale)))
			.toList();
	}

}
