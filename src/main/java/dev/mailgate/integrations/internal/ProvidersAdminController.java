package dev.mailgate.integrations.internal;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceMember;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's list of providers and the two ways to add one: from a preset with the
 * platform's endpoints, or by issuer URL, which discovery turns into endpoints. Platform
 * administrators only.
 */
@Controller
@RequestMapping(ProviderAdminPages.PATH)
class ProvidersAdminController {

	private final ProviderAdminPages pages;

	private final ProviderAdministration administration;

	private final ProviderDiscovery discovery;

	ProvidersAdminController(ProviderAdminPages pages, ProviderAdministration administration,
			ProviderDiscovery discovery) {
		this.pages = pages;
		this.administration = administration;
		this.discovery = discovery;
	}

	@GetMapping
	String showProviders(WorkspaceMember person, HttpServletRequest request, Model model) {
		this.pages.administrator(person, request);
		model.addAttribute("providers", this.pages.rows());
		return "integrations/providers";
	}

	@GetMapping("/new")
	String initCreationForm(WorkspaceMember person, @RequestParam(required = false) @Nullable String type,
			HttpServletRequest request, Model model) {
		this.pages.administrator(person, request);
		ProviderType preset = (type != null) ? ProviderType.of(type).orElse(null) : null;
		if (preset == null || preset.preset().isEmpty()) {
			return chooser(model, "mailgate", "", null);
		}
		return form(model, preset, ProviderForm.preset(preset, preset.preset().orElseThrow()), List.of());
	}

	@PostMapping("/discover")
	String discover(WorkspaceMember person, @RequestParam(defaultValue = "custom") String type,
			@RequestParam(defaultValue = "") String issuer, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		this.pages.administrator(person, request);
		ProviderType kind = "mailgate".equals(type) ? ProviderType.MAILGATE : ProviderType.CUSTOM;
		try {
			DiscoveredProvider found = this.discovery.discover(issuer);
			model.addAttribute("discovered", true);
			return form(model, kind, ProviderForm.discovered(kind, found), found.scopesSupported());
		}
		catch (DiscoveryFailed ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return chooser(model, kind.value(), issuer, ex.getMessage());
		}
	}

	@PostMapping
	String addProvider(WorkspaceMember person, @Valid @ModelAttribute("form") ProviderForm form, BindingResult errors,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		UserId by = this.pages.administrator(person, request);
		ProviderType type = (form.type() != null) ? ProviderType.of(form.type()).orElse(ProviderType.CUSTOM)
				: ProviderType.CUSTOM;
		this.pages.check(form, true, errors);
		if (!errors.hasErrors()) {
			try {
				Provider added = this.administration.add(form.settings(type, form.registrationIdOrSuggested()),
						form.secret(), by);
				redirect.addFlashAttribute("notice",
						"%s was added. Register the redirect URI below at %s.".formatted(added.name(), added.name()));
				return "redirect:" + ProviderAdminPages.PATH;
			}
			catch (RegistrationIdTaken ex) {
				errors.rejectValue("registrationId", "integrations.registration.taken",
						"Another provider has this registration id. Choose another one.");
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return form(model, type, form, List.of());
	}

	private String chooser(Model model, String type, String issuer, @Nullable String error) {
		model.addAttribute("presets",
				Arrays.stream(ProviderType.values())
					.filter((kind) -> kind.preset().isPresent())
					.map((kind) -> new ProviderAdminPages.PresetChoice(kind.value(), kind.label()))
					.toList());
		model.addAttribute("type", type);
		model.addAttribute("issuer", issuer);
		model.addAttribute("error", error);
		return "integrations/providers-new";
	}

	private String form(Model model, ProviderType type, ProviderForm form, List<String> scopesSupported) {
		model.addAttribute("form", form);
		model.addAttribute("typeLabel", type.label());
		model.addAttribute("scopesSupported", String.join(" ", scopesSupported));
		model.addAttribute("callbackBase", this.pages.redirectUri(""));
		model.addAttribute("urlFields", ProviderForm.URL_FIELDS);
		return "integrations/providers-form";
	}

}
