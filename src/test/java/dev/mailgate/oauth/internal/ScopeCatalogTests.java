package dev.mailgate.oauth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import dev.mailgate.apps.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guard, like petclinic's I18nPropertiesSyncTest: every scope an app can ask for has a
 * title and a description for the consent page.
 */
class ScopeCatalogTests {

	@Test
	void everyScopeHasATitleAndADescriptionForTheConsentPage() throws IOException {
		Properties messages = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/messages.properties")) {
			messages.load(in);
		}
		for (Scope scope : Scope.values()) {
			assertThat(messages.getProperty("oauth.scope." + scope.value() + ".title")).as(scope.value()).isNotBlank();
			assertThat(messages.getProperty("oauth.scope." + scope.value() + ".description")).as(scope.value())
				.isNotBlank();
		}
	}

}
