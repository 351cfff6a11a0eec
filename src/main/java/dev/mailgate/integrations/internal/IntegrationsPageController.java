package dev.mailgate.integrations.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Person;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.integrations.ProviderId;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The marketer's integrations page ({@value #PATH}): every provider the operators set up,
 * connected or not, with Connect, Reconnect and Disconnect (confirmed first).
 */
@Controller
class IntegrationsPageController {

	static final String PATH = "/integrations";

	private final JdbcProviders providers;

	private final JdbcConnections connections;

	private final Disconnection disconnection;

	private final Accounts accounts;

	IntegrationsPageController(JdbcProviders providers, JdbcConnections connections, Disconnection disconnection,
			Accounts accounts) {
		this.providers = providers;
		this.connections = connections;
		this.disconnection = disconnection;
		this.accounts = accounts;
	}

	@GetMapping(PATH)
	String showIntegrations(WorkspaceMember member, HttpServletRequest request, Model model) {
		Map<ProviderId, Connection> connected = this.connections.inWorkspace(member.workspace())
			.stream()
			.collect(Collectors.toMap((connection) -> connection.provider().id(), Function.identity()));
		List<IntegrationCard> cards = this.providers.all()
			.stream()
			.map((provider) -> Optional.ofNullable(connected.get(provider.id()))
				.map((connection) -> IntegrationCard.of(connection, personName(connection), member))
				.orElseGet(() -> IntegrationCard.notConnected(provider)))
			.toList();
		model.addAttribute("cards", cards);
		model.addAttribute("platformAdmin", request.isUserInRole("ADMIN"));
		return "integrations/index";
	}

	/**
	 * Reached only when the connect did not start: the provider is gone, or its settings
	 * cannot be used (its client secret cannot be read).
	 */
	@PostMapping(ConnectSecurity.CONNECT_PATH + "{registrationId}")
	String connectToMissingProvider(RedirectAttributes redirect) {
		redirect.addFlashAttribute("problem",
				"That provider cannot be connected right now: it is no longer set up, or its settings need "
						+ "a platform administrator. Ask your administrator.");
		return "redirect:" + PATH;
	}

	@GetMapping(PATH + "/connections/{id}/disconnect")
	String confirmDisconnect(WorkspaceMember member, @PathVariable String id, Model model,
			RedirectAttributes redirect) {
		return connection(member, id).map((connection) -> {
			model.addAttribute("connection", connection);
			return "integrations/confirm-disconnect";
		}).orElseGet(() -> gone(redirect));
	}

	@PostMapping(PATH + "/connections/{id}/disconnect")
	String disconnect(WorkspaceMember member, @PathVariable String id, RedirectAttributes redirect) {
		return connection(member, id).map((connection) -> {
			boolean revoked = this.disconnection.disconnect(member, connection);
			redirect.addFlashAttribute(revoked ? "notice" : "warning", DisconnectMessages.after(connection, revoked));
			return "redirect:" + PATH;
		}).orElseGet(() -> gone(redirect));
	}

	private Optional<Connection> connection(WorkspaceMember member, String id) {
		Optional<Connection> connection = parse(id)
			.flatMap((connectionId) -> this.connections.find(member.workspace(), connectionId));
		connection.filter((found) -> !Disconnection.allowed(member, found)).ifPresent((found) -> {
			throw new AccessDeniedException("Only the person who connected it or an admin disconnects it");
		});
		return connection;
	}

	private String personName(Connection connection) {
		return this.accounts.personById(connection.connectedBy()).map(Person::displayName).orElse("a former member");
	}

	private static Optional<ConnectionId> parse(String id) {
		try {
			return Optional.of(new ConnectionId(UUID.fromString(id)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String gone(RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", "That account is no longer connected.");
		return "redirect:" + PATH;
	}

}
