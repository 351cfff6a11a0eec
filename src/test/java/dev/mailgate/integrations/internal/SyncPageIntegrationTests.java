package dev.mailgate.integrations.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The sync page for members of the connection's workspace: settings, Sync now, and a 404
 * page for anyone else.
 */
class SyncPageIntegrationTests extends SyncTestSupport {

	private Member member;

	private Connection connection;

	@BeforeEach
	void connectedWorkspace() {
		this.member = member();
		this.connection = connection(this.member, provider(ProviderType.HUBSPOT, "http://127.0.0.1:9"), "token-x");
	}

	@Test
	void showsTheMappingTableWithHubSpotsFieldsAndTheDefaults() throws Exception {
		MvcTestResult page = this.mvc.get().uri(path()).session(this.member.session()).exchange();

		assertThat(page).hasStatusOk();
		String html = page.getResponse().getContentAsString();
		assertThat(html).contains("Contact sync", "name=\"map.firstname\"", "name=\"map.company\"", "Sync now")
			.doesNotContain("token-x");
		// HubSpot's default mapping is selected
		assertThat(html).containsPattern("name=\"map.firstname\"[^<]*>\\s*<option value=\"\">[^<]*</option>\\s*"
				+ "<option value=\"email\">Email</option>\\s*<option value=\"first_name\" selected");
	}

	@Test
	void cancelSyncStopsARunThatIsGoingAndSaysSo() throws Exception {
		// the provider does not answer: the run keeps retrying until it is cancelled
		SyncRun run = this.syncRuns.start(this.connection.id(), "manual");
		assertThat(
				this.mvc.get().uri(path()).session(this.member.session()).exchange().getResponse().getContentAsString())
			.contains("Cancel sync");

		MvcTestResult cancelled = this.mvc.post()
			.uri(path() + "/runs/" + run.id() + "/cancel")
			.session(this.member.session())
			.with(csrf())
			.exchange();

		assertThat(cancelled).hasStatus3xxRedirection()
			.hasRedirectedUrl(path())
			.flash()
			.containsEntry("notice",
					"Sync cancelled. The contacts it brought in so far stay; the next sync picks up the rest.");
		assertThat(this.runs.find(run.id()).orElseThrow().status()).isEqualTo(SyncRun.Status.CANCELLED);
	}

	@Test
	void savesTheMappingListAndSchedule() {
		MvcTestResult saved = this.mvc.post()
			.uri(path() + "/settings")
			.session(this.member.session())
			.with(csrf())
			.param("map.email", "email")
			.param("map.lastname", "last_name")
			.param("map.firstname", "")
			.param("schedule", "daily")
			.exchange();

		assertThat(saved).hasStatus3xxRedirection().hasRedirectedUrl(path());
		SyncSettings settings = this.settings.find(this.connection.id()).orElseThrow();
		assertThat(settings.mapping()).containsOnlyKeys("email", "lastname");
		assertThat(settings.schedule()).isEqualTo(SyncSettings.Schedule.DAILY);
		assertThat(settings.nextRunAt()).isNotNull();
	}

	@Test
	void refusesAMappingWithoutEmail() {
		MvcTestResult saved = this.mvc.post()
			.uri(path() + "/settings")
			.session(this.member.session())
			.with(csrf())
			.param("map.firstname", "first_name")
			.param("schedule", "off")
			.exchange();

		assertThat(saved).hasStatus3xxRedirection()
			.flash()
			.containsEntry("error",
					"Choose exactly one provider field for Email: Mailgate finds contacts by their email address.");
		assertThat(this.settings.find(this.connection.id())).isEmpty();
	}

	@Test
	void anotherWorkspacesConnectionIsNotFound() {
		MvcTestResult page = this.mvc.get().uri(path()).session(member().session()).exchange();

		assertThat(page).hasStatus(404);
	}

	@Test
	void progressEndpointAnswersTheLatestRunWithItsSummary() throws Exception {
		Member other = member();
		Connection custom = connection(other, provider(ProviderType.CUSTOM, "http://127.0.0.1:9"), "token-y");
		String path = "/integrations/connections/" + custom.id() + "/sync";
		assertThat(this.mvc.post().uri(path + "/runs").session(other.session()).with(csrf()).exchange())
			.hasStatus3xxRedirection();
		SyncRun run = awaitFinished(this.runs.history(custom.id(), 1).get(0).id());

		MvcTestResult status = this.mvc.get().uri(path + "/status").session(other.session()).exchange();

		assertThat(status).hasStatusOk().bodyJson().extractingPath("$.id").isEqualTo(run.id().toString());
		assertThat(status).bodyJson().extractingPath("$.status").isEqualTo("failed");
		assertThat(status).bodyJson().extractingPath("$.last_error").asString().contains("cannot import contacts");
		assertThat(this.mvc.get().uri(path).session(other.session()).exchange()).bodyText()
			.contains("Nothing to sync from this provider", "cannot import contacts");
	}

	private String path() {
		return "/integrations/connections/" + this.connection.id() + "/sync";
	}

}
