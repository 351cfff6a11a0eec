package dev.mailgate.apps.internal;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Role;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppIsPublic;
import dev.mailgate.apps.InvalidAppMetadata;
import dev.mailgate.apps.NewSecret;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.Scope;
import dev.mailgate.apps.SecretId;
import dev.mailgate.apps.SecretRecentlyUsed;
import dev.mailgate.apps.TooManySecrets;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The developer portal: a workspace's apps, registering one, and an app's page with its
 * client id, settings and secrets. A new secret is shown once, on the page the browser
 * lands on right after it was made, and never again.
 */
@Controller
@RequestMapping("/apps")
class DeveloperPortalController {

	static final List<Long> GRACE_PERIODS = List.of(0L, 3_600L, 86_400L, 604_800L, 2_592_000L);

	private final AppManagement management;

	private final AppRegistry registry;

	private final SecretRotation rotation;

	private final Accounts accounts;

	private final LeakReports leaks;

	private final SecretPolicy policy;

	private final AppActivity activity;

	private final Clock clock;

	DeveloperPortalController(AppManagement management, AppRegistry registry, SecretRotation rotation,
			Accounts accounts, LeakReports leaks, SecretPolicy policy, AppActivity activity, Clock clock) {
		this.activity = activity;
		this.leaks = leaks;
		this.policy = policy;
		this.management = management;
		this.registry = registry;
		this.rotation = rotation;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping
	String showApps(Principal principal, Model model) {
		Caller caller = caller(principal);
		List<AppClient> apps = this.management.inWorkspace(caller.workspace());
		model.addAttribute("apps", apps);
		model.addAttribute("expiring", this.rotation.expiringSoon(apps, SecretPolicy.NOTICE));
		model.addAttribute("canAdminister", caller.role().canAdminister());
		model.addAttribute("maxSecretAgeDays",
				this.policy.maxAge(caller.workspace()).map((age) -> age.toDays()).orElse(null));
		model.addAttribute("workspaceName", this.accounts.workspaceName(caller.workspace()).orElse(""));
		return "apps/list";
	}

	@PostMapping("/policy")
	String setSecretPolicy(Principal principal, @RequestParam(required = false) String maxSecretAgeDays,
			RedirectAttributes redirect) {
		Caller caller = administrator(principal);
		try {
			Integer days = (maxSecretAgeDays == null || maxSecretAgeDays.isBlank()) ? null
					: Integer.valueOf(maxSecretAgeDays.strip());
			List<AppClient> apps = this.management.inWorkspace(caller.workspace());
			this.policy.set(caller.workspace(), days, apps);
			apps.forEach((app) -> this.registry.forget(app.clientId()));
			redirect.addFlashAttribute("notice", (days == null) ? "Client secrets no longer expire by age."
					: "Client secrets now expire %d days after they are created.".formatted(days));
		}
		catch (NumberFormatException | InvalidAppMetadata ex) {
			redirect.addFlashAttribute("error", "The maximum secret age must be a number of days from 1 to 3650.");
		}
		return "redirect:/apps";
	}

	@GetMapping("/new")
	String initRegistrationForm(Model model) {
		model.addAttribute("form", AppForm.empty());
		model.addAttribute("scopes", Scope.allValues());
		return "apps/new";
	}

	@PostMapping
	String registerApp(Principal principal, @ModelAttribute("form") AppForm form, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			RegisteredApp registered = this.registry.register(caller(principal).workspace(), form.toNewApp(), false);
			redirect.addFlashAttribute("newSecret", registered.clientSecret());
			redirect.addFlashAttribute("notice", "Your app is registered.");
			return "redirect:/apps/" + registered.app().clientId();
		}
		catch (InvalidAppMetadata ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("scopes", Scope.allValues());
			return "apps/new";
		}
	}

	@GetMapping("/{clientId}")
	String showApp(Principal principal, @PathVariable String clientId, Model model) {
		Caller caller = caller(principal);
		AppClient app = this.management.find(caller.workspace(), clientId);
		Instant now = this.clock.instant();
		model.addAttribute("app", app);
		model.addAttribute("secrets", app.confidential()
				? this.rotation.secretsOf(app).stream().map((s) -> SecretView.of(s, now)).toList() : List.of());
		model.addAttribute("canAdminister", caller.role().canAdminister());
		model.addAttribute("leaks", this.leaks.of(app.id()));
		model.addAttribute("activity", this.activity.recent(app.id()));
		model.addAttribute("created", SecretView.format(app.createdAt()));
		return "apps/show";
	}

	@PostMapping("/{clientId}/secrets")
	String rotateSecret(Principal principal, @PathVariable String clientId,
			@RequestParam(defaultValue = "604800") long graceSeconds, RedirectAttributes redirect) {
		AppClient app = this.management.find(caller(principal).workspace(), clientId);
		try {
			NewSecret secret = this.rotation.rotate(app, Duration.ofSeconds(graceSeconds), principal.getName());
			redirect.addFlashAttribute("newSecret", secret.value());
			redirect.addFlashAttribute("notice",
					(graceSeconds == 0) ? "New secret created; the old ones are revoked."
							: "New secret created; the old ones keep working until "
									+ SecretView.format(secret.summary().createdAt().plusSeconds(graceSeconds)) + ".");
		}
		catch (TooManySecrets | AppIsPublic | InvalidAppMetadata ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/apps/" + clientId;
	}

	@PostMapping("/{clientId}/secrets/{secretId}/revoke")
	String revokeSecret(Principal principal, @PathVariable String clientId, @PathVariable String secretId,
			@RequestParam(defaultValue = "false") boolean force, Model model, RedirectAttributes redirect) {
		AppClient app = this.management.find(caller(principal).workspace(), clientId);
		try {
			this.rotation.revoke(app, SecretId.parse(secretId), force, principal.getName());
			redirect.addFlashAttribute("notice", "Secret revoked. Clients using it can no longer authenticate.");
			return "redirect:/apps/" + clientId;
		}
		catch (SecretRecentlyUsed ex) {
			model.addAttribute("app", app);
			model.addAttribute("secret", SecretView.of(ex.secret(), this.clock.instant()));
			return "apps/confirm-revoke";
		}
	}

	@GetMapping("/{clientId}/delete")
	String confirmDeletion(Principal principal, @PathVariable String clientId, Model model) {
		model.addAttribute("app", this.management.find(caller(principal).workspace(), clientId));
		return "apps/confirm-delete";
	}

	@PostMapping("/{clientId}/delete")
	String deleteApp(Principal principal, @PathVariable String clientId, RedirectAttributes redirect) {
		AppClient app = this.management.find(caller(principal).workspace(), clientId);
		this.registry.delete(app.id());
		redirect.addFlashAttribute("notice", "%s is deleted, with every token it held.".formatted(app.name()));
		return "redirect:/apps";
	}

	@PostMapping("/{clientId}/suspend")
	String suspendApp(Principal principal, @PathVariable String clientId, RedirectAttributes redirect) {
		Caller caller = administrator(principal);
		this.management.suspend(this.management.find(caller.workspace(), clientId), principal.getName());
		redirect.addFlashAttribute("notice", "App suspended; every token it held is revoked.");
		return "redirect:/apps/" + clientId;
	}

	@PostMapping("/{clientId}/resume")
	String resumeApp(Principal principal, @PathVariable String clientId, RedirectAttributes redirect) {
		Caller caller = administrator(principal);
		this.management.resume(this.management.find(caller.workspace(), clientId), principal.getName());
		redirect.addFlashAttribute("notice", "App resumed. It can ask for new tokens.");
		return "redirect:/apps/" + clientId;
	}

	private Caller administrator(Principal principal) {
		Caller caller = caller(principal);
		if (!caller.role().canAdminister()) {
			throw new AccessDeniedException("Only workspace owners and admins may suspend apps");
		}
		return caller;
	}

	private Caller caller(Principal principal) {
		WorkspaceMember member = this.accounts.memberByEmail(principal.getName())
			.orElseThrow(() -> new AccessDeniedException("No account or no workspace"));
		return new Caller(member.workspace(), member.role());
	}

	private record Caller(WorkspaceId workspace, Role role) {
	}

}
