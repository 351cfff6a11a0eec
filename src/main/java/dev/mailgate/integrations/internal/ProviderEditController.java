package dev.mailgate.integrations.internal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceMember;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changing a provider: its settings (all but the registration id, which is in the
 * redirect URI registered at the provider), its client secret when the provider rotated
 * it, and removing it once no workspace is connected. Platform administrators only.
 */
@Controller
@RequestMapping(ProviderAdminPages.PATH + "/{id}")
class ProviderEditController {

	private final ProviderAdminPages pages;

	private final ProviderAdministration administration;

	ProviderEditController(ProviderAdminPages pages, ProviderAdministration administration) {
		this.pages = pages;
		this.administration = administration;
	}

	@GetMapping
	String initUpdateForm(WorkspaceMember person, @PathVariable String id, HttpServletRequest request, Model model) {
		this.pages.administrator(person, request);
		Provider provider = this.pages.provider(id);
		return form(model, provider, ProviderForm.of(provider));
	}

	@PostMapping
	String updateProvider(WorkspaceMember person, @PathVariable String id,
			@Valid @ModelAttribute("form") ProviderForm form, BindingResult errors, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		UserId by = this.pages.administrator(person, request);
		Provider provider = this.pages.provider(id);
		this.pages.check(form, false, errors);
		if (errors.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(model, provider, form);
		}
		this.administration.update(provider.id(), form.settings(provider.type(), provider.registrationId()),
				form.hasSecret() ? form.secret() : null, by);
		redirect.addFlashAttribute("notice", "%s was saved.".formatted(form.name()));
		return "redirect:" + ProviderAdminPages.PATH;
	}

	@GetMapping("/secret")
	String initSecretForm(WorkspaceMember person, @PathVariable String id, HttpServletRequest request, Model model) {
		this.pages.administrator(person, request);
		model.addAttribute("form", new SecretForm(null));
		return secretForm(model, this.pages.provider(id));
	}

	@PostMapping("/secret")
	String replaceSecret(WorkspaceMember person, @PathVariable String id,
			@Valid @ModelAttribute("form") SecretForm form, BindingResult errors, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		UserId by = this.pages.administrator(person, request);
		Provider provider = this.pages.provider(id);
		if (errors.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return secretForm(model, provider);
		}
		this.administration.replaceSecret(provider, form.secret(), by);
		redirect.addFlashAttribute("notice",
				"The client secret of %s was replaced. Connections use it from their next token request."
					.formatted(provider.name()));
		return "redirect:" + ProviderAdminPages.PATH;
	}

	@GetMapping("/remove")
	String confirmRemoval(WorkspaceMember person, @PathVariable String id, HttpServletRequest request, Model model) {
		this.pages.administrator(person, request);
		Provider provider = this.pages.provider(id);
		model.addAttribute("provider", provider);
		model.addAttribute("connectedWorkspaces", this.administration.connectedWorkspaces(provider.id()));
		return "integrations/providers-remove";
	}

	@PostMapping("/remove")
	String removeProvider(WorkspaceMember person, @PathVariable String id, HttpServletRequest request,
			RedirectAttributes redirect) {
		UserId by = this.pages.administrator(person, request);
		Provider provider = this.pages.provider(id);
		try {
			this.administration.remove(provider, by);
			redirect.addFlashAttribute("notice", "%s was removed.".formatted(provider.name()));
		}
		catch (ProviderInUse ex) {
			redirect.addFlashAttribute("problem",
					("%s is still connected in %d workspace(s). Each workspace must "
							+ "disconnect it on its Integrations page first, so that its tokens are revoked at %s.")
						.formatted(provider.name(), ex.connectedWorkspaces(), provider.name()));
		}
		return "redirect:" + ProviderAdminPages.PATH;
	}

	private String secretForm(Model model, Provider provider) {
		model.addAttribute("provider", provider);
		model.addAttribute("secretSetOn", ProviderAdminPages.when(provider.secretReplacedAt()));
		return "integrations/providers-secret";
	}

	private String form(Model model, Provider provider, ProviderForm form) {
		model.addAttribute("form", form);
		model.addAttribute("typeLabel", provider.type().label());
		model.addAttribute("editing", provider);
		model.addAttribute("scopesSupported", "");
		model.addAttribute("callbackBase", this.pages.redirectUri(""));
		model.addAttribute("urlFields", ProviderForm.URL_FIELDS);
		return "integrations/providers-form";
	}

}
