package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.InvalidAppMetadata;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.Scope;
import dev.mailgate.apps.TokenFormat;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Registers Swagger UI ({@code /docs}) as a public app on every start, so that a
 * developer can click Authorize, sign in, consent and try the API: PKCE, redirected back
 * to the docs at the issuer's address, allowed every scope the document lists (the person
 * still picks what to grant). It belongs to the bootstrap workspace, like the bootstrap
 * client; a person's token acts on that person's own workspace all the same. springdoc
 * serves Swagger UI only with the document, so either switch leaves the app out.
 */
@Component
@Order(300)
@ConditionalOnProperty(name = { "springdoc.api-docs.enabled", "springdoc.swagger-ui.enabled" }, matchIfMissing = true)
class ApiDocsClient implements ApplicationRunner {

	/** Where springdoc serves Swagger UI's OAuth 2.0 redirect page. */
	static final String REDIRECT_PATH = "/docs/swagger-ui/oauth2-redirect.html";

	private static final Log log = LogFactory.getLog(ApiDocsClient.class);

	private final Apps apps;

	private final Accounts accounts;

	private final IssuerProperties issuer;

	private final SwaggerUiOAuthProperties ui;

	ApiDocsClient(Apps apps, Accounts accounts, IssuerProperties issuer, SwaggerUiOAuthProperties ui) {
		this.apps = apps;
		this.accounts = accounts;
		this.issuer = issuer;
		this.ui = ui;
	}

	@Override
	public void run(ApplicationArguments args) {
		String clientId = this.ui.getClientId();
		WorkspaceId workspace = this.accounts.bootstrapWorkspace().orElse(null);
		if (clientId == null || clientId.isBlank() || workspace == null) {
			return;
		}
		String base = this.issuer.trimmed();
		NewApp docs = new NewApp("Mailgate API docs", "Try the marketing API from its documentation (Swagger UI)",
				base + "/docs", null, false, List.of(base + REDIRECT_PATH), Set.of(AppClient.AUTHORIZATION_CODE),
				Scope.allValues(), TokenFormat.OPAQUE, Duration.ofMinutes(15));
		try {
			this.apps.provide(workspace, clientId, docs);
		}
		catch (InvalidAppMetadata ex) {
			log.warn("Swagger UI at /docs cannot sign in, its app " + clientId + " was refused: " + ex.getMessage());
		}
	}

}
