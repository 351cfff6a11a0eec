package dev.mailgate.integrations.internal;

import dev.mailgate.accounts.WorkspaceMember;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where the callback ends up once Spring's {@code oauth2Client} filter is done with it:
 * after a stored connection (no parameters), after a failure it turned into
 * {@code ?error=} (the provider's, or Mailgate's checks'), or untouched when no connect
 * request of this browser has its {@code state} (RFC 6749 §10.12). Each goes back to the
 * integrations page with a sentence that says what happened.
 */
@Controller
class ConnectCallbackController {

	private final JdbcProviders providers;

	private final JdbcConnections connections;

	ConnectCallbackController(JdbcProviders providers, JdbcConnections connections) {
		this.providers = providers;
		this.connections = connections;
	}

	@GetMapping(ProviderRegistrations.CALLBACK_PATH + "{registrationId}")
	String returnFromProvider(WorkspaceMember member, @PathVariable String registrationId,
			@RequestParam(required = false) @Nullable String error,
			@RequestParam(required = false) @Nullable String state, RedirectAttributes redirect) {
		Provider provider = this.providers.findByRegistrationId(registrationId).orElse(null);
		if (provider == null) {
			redirect.addFlashAttribute("problem", "That provider is no longer set up. Ask your administrator.");
		}
		else if (error != null) {
			redirect.addFlashAttribute("problem", failed(provider.name(), error));
		}
		else if (state != null) {
			redirect.addFlashAttribute("problem", "This connect request to " + provider.name()
					+ " expired or was not started in this browser, so nothing was connected. Please click Connect again.");
		}
		else {
			this.connections.find(member.workspace(), provider.id())
				.filter(Connection::active)
				.ifPresent((connection) -> redirect.addFlashAttribute("notice",
						"Connected to %s as %s.".formatted(provider.name(), connection.accountLabel())));
		}
		return "redirect:" + IntegrationsPageController.PATH;
	}

	private static String failed(String provider, String error) {
		return switch (error) {
			case "access_denied" ->
				"You did not allow Mailgate to use your %s account, so nothing was connected.".formatted(provider);
			case IssuerParameterCheck.MISMATCH -> ("The answer did not come from %s (its issuer did not match), so "
					+ "nothing was connected. Please try again, and tell your administrator if it happens again.")
				.formatted(provider);
			case "invalid_id_token" -> ("%s's sign-in could not be verified, so nothing was connected. Please try "
					+ "again, and tell your administrator if it happens again.")
				.formatted(provider);
			default -> ("Mailgate could not finish connecting to %s (it did not answer as expected), so nothing was "
					+ "connected. Please try again in a few minutes.")
				.formatted(provider);
		};
	}

}
