package dev.mailgate.audit.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditUserAgentsTests {

	@Test
	void namesCommonBrowsersAndTheirSystem() {
		assertThat(AuditUserAgents.summary(AuditTestSupport.FIREFOX)).isEqualTo("Firefox on Linux");
		assertThat(AuditUserAgents.summary(
				"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"))
			.isEqualTo("Edge on Windows");
		assertThat(AuditUserAgents.summary(
				"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"))
			.isEqualTo("Safari on macOS");
	}

	@Test
	void namesToolsAndFallsBackToTheFirstWord() {
		assertThat(AuditUserAgents.summary("curl/8.5.0")).isEqualTo("curl");
		assertThat(AuditUserAgents.summary("Acme-CRM-Sync/2.3 (+https://crm.example.com)")).isEqualTo("Acme-CRM-Sync");
		assertThat(AuditUserAgents.summary(null)).isEmpty();
	}

}
