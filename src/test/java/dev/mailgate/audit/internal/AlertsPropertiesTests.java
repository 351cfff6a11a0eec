package dev.mailgate.audit.internal;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class AlertsPropertiesTests {

	@Test
	void defaultsAreTheDocumentedOnes() {
		AlertsProperties settings = bind(Map.of());

		assertThat(settings.failedClientAuth().threshold()).isEqualTo(10);
		assertThat(settings.failedClientAuth().window()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.tokenSurge().floor()).isEqualTo(300);
		assertThat(settings.tokenSurge().multiple()).isEqualTo(10);
		assertThat(settings.repeatWindow()).isEqualTo(Duration.ofHours(1));
		for (AlertRule rule : AlertRule.values()) {
			assertThat(settings.actionFor(rule)).isEqualTo(AlertAction.NONE);
		}
	}

	@Test
	void everySettingComesFromTheEnvironmentWithActionsAsDocumented() {
		AlertsProperties settings = bind(Map.of("MAILGATE_ALERTS_FAILEDCLIENTAUTH_THRESHOLD", "25",
				"MAILGATE_ALERTS_FAILEDCLIENTAUTH_WINDOW", "2m", "MAILGATE_ALERTS_FAILEDCLIENTAUTH_ACTION",
				"revoke-secrets", "MAILGATE_ALERTS_TOKENSURGE_FLOOR", "1000", "MAILGATE_ALERTS_TOKENSURGE_MULTIPLE",
				"4.5", "MAILGATE_ALERTS_TOKENSURGE_ACTION", "suspend-app", "MAILGATE_ALERTS_REFRESHTOKENREUSE_ACTION",
				"suspend-app", "MAILGATE_ALERTS_RETIREDSECRET_ACTION", "revoke-secrets", "MAILGATE_ALERTS_REPEATWINDOW",
				"30m"));

		assertThat(settings.failedClientAuth().threshold()).isEqualTo(25);
		assertThat(settings.failedClientAuth().window()).isEqualTo(Duration.ofMinutes(2));
		assertThat(settings.actionFor(AlertRule.FAILED_CLIENT_AUTH_BURST)).isEqualTo(AlertAction.REVOKE_SECRETS);
		assertThat(settings.tokenSurge().floor()).isEqualTo(1000);
		assertThat(settings.tokenSurge().multiple()).isEqualTo(4.5);
		assertThat(settings.actionFor(AlertRule.TOKEN_SURGE)).isEqualTo(AlertAction.SUSPEND_APP);
		assertThat(settings.actionFor(AlertRule.REFRESH_TOKEN_REUSE)).isEqualTo(AlertAction.SUSPEND_APP);
		assertThat(settings.actionFor(AlertRule.RETIRED_SECRET_USED)).isEqualTo(AlertAction.REVOKE_SECRETS);
		assertThat(settings.repeatWindow()).isEqualTo(Duration.ofMinutes(30));
	}

	private static AlertsProperties bind(Map<String, Object> environment) {
		StandardEnvironment spring = new StandardEnvironment();
		spring.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		return Binder.get(spring).bindOrCreate("mailgate.alerts", AlertsProperties.class);
	}

}
