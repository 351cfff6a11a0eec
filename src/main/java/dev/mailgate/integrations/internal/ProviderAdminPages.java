package dev.mailgate.integrations.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.integrations.ProviderId;
import dev.mailgate.platform.ErrorDetail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * What the provider pages share: the platform administrator check, finding the provider
 * in the address, the list's rows, the callback address to register at a provider, and
 * the checks Bean Validation cannot make (addresses, the secret when adding).
 */
@Component
class ProviderAdminPages {

	static final String PATH = "/admin/integrations";

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final JdbcProviders providers;

	private final ProviderAdministration administration;

	private final ProviderUrls urls;

	private final String issuer;

	ProviderAdminPages(JdbcProviders providers, ProviderAdministration administration, ProviderUrls urls,
			@Value("${mailgate.issuer:https://localhost:8443}") String issuer) {
		this.providers = providers;
		this.administration = administration;
		this.urls = urls;
		this.issuer = issuer.replaceAll("/+$", "");
	}

	/**
	 * @return the platform administrator's id, for the events
	 * @throws AccessDeniedException for anyone else, with what the error page tells them
	 */
	UserId administrator(WorkspaceMember person, HttpServletRequest request) {
		if (!request.isUserInRole("ADMIN")) {
			ErrorDetail.attach(request, "Only platform administrators set up providers. Your workspace's connected "
					+ "accounts are on the Integrations page.");
			throw new AccessDeniedException("Only platform administrators manage providers");
		}
		return person.person().id();
	}

	Provider provider(String id) {
		try {
			return this.providers.find(new ProviderId(UUID.fromString(id))).orElseThrow(() -> new ProviderNotFound(id));
		}
		catch (IllegalArgumentException ex) {
			throw new ProviderNotFound(id);
		}
	}

	/**
	 * Where the provider sends people back to after consent; registered at the provider.
	 */
	String redirectUri(String registrationId) {
		return this.issuer + "/integrations/callback/" + registrationId;
	}

	List<ProviderRow> rows() {
		Map<ProviderId, Integer> connected = this.administration.connectedWorkspaces();
		return this.providers.all()
			.stream()
			.map((provider) -> new ProviderRow(provider, connected.getOrDefault(provider.id(), 0),
					redirectUri(provider.registrationId())))
			.toList();
	}

	/**
	 * Adds the errors Bean Validation cannot find: addresses that are not https (or
	 * loopback, where allowed), and a missing secret for a new provider.
	 */
	void check(ProviderForm form, boolean adding, BindingResult errors) {
		form.urls().forEach((field, url) -> {
			if (url == null || url.isBlank()) {
				if (ProviderForm.REQUIRED_URLS.contains(field)) {
					errors.rejectValue(field, "integrations.url.missing", "Enter this address.");
				}
				return;
			}
			this.urls.problem(url)
				.ifPresent((problem) -> errors.rejectValue(field, "integrations.url.invalid", problem));
		});
		if (adding && !form.hasSecret()) {
			errors.rejectValue("clientSecret", "integrations.secret.missing",
					"Enter the client secret the provider gave you.");
		}
		if (adding && !errors.hasFieldErrors("registrationId")
				&& !form.registrationIdOrSuggested().matches("[a-z0-9-]{2,64}")) {
			errors.rejectValue("registrationId", "integrations.registration.invalid",
					"Use 2 to 64 lowercase letters, digits and dashes.");
		}
	}

	static String when(Instant at) {
		return WHEN.format(at);
	}

	/**
	 * One provider in the list, as the operator reads it (methods public for the
	 * template).
	 */
	record ProviderRow(Provider provider, int connectedWorkspaces, String redirectUri) {

		public String maskedSecret() {
			return "••••" + this.provider.clientSecretLast4();
		}

		public String typeLabel() {
			return this.provider.type().label();
		}

		public String secretReplaced() {
			return when(this.provider.secretReplacedAt());
		}

		public String capabilities() {
			String words = this.provider.capabilities()
				.stream()
				.map(ProviderAdminPages::words)
				.collect(Collectors.joining(", "));
			return words.isEmpty() ? "Connection only" : words;
		}

	}

	/**
	 * A preset on the page that starts adding a provider.
	 */
	record PresetChoice(String value, String label) {
	}

	static String words(Capability capability) {
		return switch (capability) {
			case CONTACTS -> "Contact sync";
			case SHARE -> "Share campaigns";
			case ANALYTICS -> "Analytics export";
		};
	}

}
