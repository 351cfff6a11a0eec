package dev.mailgate.accounts.internal;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.HttpsClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout's header (who is signed in, the Security link for administrators) is added
 * to pages that render, and only to them: JSON answers and redirects carry nothing of it.
 */
class PageHeaderIntegrationTests extends IntegrationTestSupport {

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@Test
	void signedInAdministratorSeesTheirNameAndTheSecurityLink() {
		HttpsClient browser = new HttpsClient(this.dataDirectory, this.port);
		assertThat(browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).doesNotContain("error").doesNotContain("currentUser"));

		HttpResponse<String> home = browser.get("/", "text/html");

		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("class=\"who\"").contains("href=\"/security\"");
	}

	@Test
	void anonymousSignInPageHasNoSignedInHeader() {
		HttpResponse<String> page = new HttpsClient(this.dataDirectory, this.port).get("/login", "text/html");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).doesNotContain("class=\"who\"").doesNotContain("href=\"/security\"");
	}

}
