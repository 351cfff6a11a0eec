package dev.mailgate.oauth.internal;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.Apps;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.webmvc.ui.SwaggerConfig;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The two switches the README documents for the API documentation,
 * {@code SPRINGDOC_APIDOCS_ENABLED} and {@code SPRINGDOC_SWAGGERUI_ENABLED}: with either
 * off, Mailgate still starts, and what depends on the part switched off is left out: the
 * app registered for Swagger UI and the {@code /docs} address that leads to it.
 * springdoc's own auto-configuration decides what it serves; these tests prove that
 * Mailgate's beans follow it.
 */
class ApiDocumentationSwitchesTests {

	private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebMvcAutoConfiguration.class,
				SpringDocConfiguration.class, SpringDocConfigProperties.class, SwaggerConfig.class,
				SwaggerUiConfigProperties.class, SwaggerUiOAuthProperties.class))
		.withUserConfiguration(ApiDocumentation.class, ApiDocsClient.class, ApiDocsSecurity.SwaggerUiEntrance.class)
		.withBean(IssuerProperties.class, () -> new IssuerProperties("https://mail.example"))
		.withBean(ScopeCatalog.class, () -> new ScopeCatalog(new StaticMessageSource()))
		.withBean(Apps.class, () -> mock(Apps.class))
		.withBean(Accounts.class, () -> mock(Accounts.class));

	@Test
	void byDefaultTheDocumentAndSwaggerUisAppAreThere() {
		this.contexts.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(OpenAPI.class)
			.hasSingleBean(ModelResolver.class)
			.hasSingleBean(ApiDocsClient.class));
		this.contexts
			.run((context) -> assertThat(MockMvcTester.from(context).get().uri("/docs")).hasStatus(HttpStatus.FOUND)
				.hasRedirectedUrl(ApiDocsSecurity.UI));
	}

	@Test
	void withTheDocumentSwitchedOffMailgateStartsWithoutItOrSwaggerUisApp() {
		// springdoc serves neither the document nor Swagger UI then
		this.contexts.withPropertyValues("springdoc.api-docs.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OpenAPI.class)
				.doesNotHaveBean(ModelResolver.class)
				.doesNotHaveBean(SwaggerConfig.class)
				.doesNotHaveBean(ApiDocsClient.class));
		this.contexts.withPropertyValues("springdoc.api-docs.enabled=false")
			.run((context) -> assertThat(MockMvcTester.from(context).get().uri("/docs"))
				.hasStatus(HttpStatus.NOT_FOUND));
	}

	@Test
	void withSwaggerUiSwitchedOffTheDocumentStaysAndNoAppIsRegisteredForTheUi() {
		this.contexts.withPropertyValues("springdoc.swagger-ui.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(OpenAPI.class)
				.doesNotHaveBean(SwaggerConfig.class)
				.doesNotHaveBean(ApiDocsClient.class));
		// no redirect to a page that is not served: /docs itself is not found
		this.contexts.withPropertyValues("springdoc.swagger-ui.enabled=false")
			.run((context) -> assertThat(MockMvcTester.from(context).get().uri("/docs"))
				.hasStatus(HttpStatus.NOT_FOUND));
	}

}
