package dev.mailgate.ratelimit.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import dev.mailgate.platform.PlatformAdministrators;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's page of rate limits: the defaults, the apps with budgets of their own,
 * and a form to set or clear an app's. Platform administrators only.
 */
@Controller
@RequestMapping(RateLimitsController.PATH)
class RateLimitsController {

	static final String PATH = "/admin/rate-limits";

	private final AppLimits limits;

	private final Policies policies;

	private final Apps apps;

	RateLimitsController(AppLimits limits, Policies policies, Apps apps) {
		this.limits = limits;
		this.policies = policies;
		this.apps = apps;
	}

	@GetMapping
	String showRateLimits(Authentication operator, Model model) {
		PlatformAdministrators.require(operator, "set rate limits");
		return page(AppLimitForm.empty(), Map.of(), model);
	}

	@PostMapping
	String setAppLimits(Authentication operator, AppLimitForm form, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PlatformAdministrators.require(operator, "set rate limits");
		AppLimitForm.Checked checked = form.check();
		Map<String, String> errors = new LinkedHashMap<>(checked.errors());
		String clientId = (form.clientId() != null) ? form.clientId().strip() : "";
		if (!clientId.isEmpty() && this.apps.byClientId(clientId).isEmpty()) {
			errors.put("clientId", "No app has the client ID %s.".formatted(clientId));
		}
		if (!errors.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(form, errors, model);
		}
		this.limits.set(clientId, checked.tokenEndpoint(), checked.api(), operator.getName());
		redirect.addFlashAttribute("notice", "%s now has its own rate limits.".formatted(clientId));
		return "redirect:" + PATH;
	}

	@PostMapping("/clear")
	String clearAppLimits(Authentication operator, @RequestParam String clientId, RedirectAttributes redirect) {
		PlatformAdministrators.require(operator, "set rate limits");
		if (this.limits.clear(clientId, operator.getName())) {
			redirect.addFlashAttribute("notice", "%s is back on the default rate limits.".formatted(clientId));
		}
		return "redirect:" + PATH;
	}

	private String page(AppLimitForm form, Map<String, String> errors, Model model) {
		Policies.Defaults defaults = this.policies.defaults();
		model.addAttribute("defaults", List.of(new DefaultRow("Token endpoint, per app", defaults.tokenEndpoint()),
				new DefaultRow("API, per app and workspace", defaults.api()),
				new DefaultRow("Sign-in attempts, per IP address", defaults.signInPerIp()),
				new DefaultRow("Sign-in attempts, per account", defaults.signInPerAccount()),
				new DefaultRow("Failed client authentications, per IP address", defaults.clientAuthPerIp()),
				new DefaultRow("Failed client authentications, per client ID", defaults.clientAuthPerClient())));
		model.addAttribute("overrides", this.limits.all().stream().map(this::row).toList());
		model.addAttribute("placeholders",
				new Placeholders(defaults.tokenEndpoint().quota(), defaults.tokenEndpoint().window().toSeconds(),
						defaults.api().quota(), defaults.api().window().toSeconds()));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "ratelimit/limits";
	}

	private OverrideRow row(AppLimit limit) {
		String name = this.apps.byClientId(limit.clientId()).map(AppClient::name).orElse("(deleted app)");
		return new OverrideRow(limit.clientId(), name, describe(limit.tokenEndpoint()), describe(limit.api()),
				Timestamps.minute(limit.updatedAt()), limit.updatedBy());
	}

	static String describe(@Nullable Budget budget) {
		if (budget == null) {
			return "default";
		}
		return "%,d per %s".formatted(budget.quota(), window(budget.window().toSeconds()));
	}

	private static String window(long seconds) {
		if (seconds % 3600 == 0) {
			return (seconds == 3600) ? "hour" : (seconds / 3600) + " hours";
		}
		if (seconds % 60 == 0) {
			return (seconds == 60) ? "minute" : (seconds / 60) + " minutes";
		}
		return (seconds == 1) ? "second" : seconds + " seconds";
	}

	record DefaultRow(String what, String budget, String policy) {

		DefaultRow(String what, Budget budget) {
			this(what, describe(budget), budget.policyHeader());
		}

	}

	/**
	 * The defaults, shown in the form's empty fields.
	 */
	record Placeholders(long tokenQuota, long tokenWindow, long apiQuota, long apiWindow) {
	}

	record OverrideRow(String clientId, String appName, String tokenEndpoint, String api, String updatedAt,
			String updatedBy) {
	}

}
