package dev.mailgate.oauth.internal;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.accounts.WorkspaceMember;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The connected apps pages: every marketer's own ({@value #PATH}), and the workspace's
 * for its owners and admins ({@value #WORKSPACE_PATH}). Each revocation is confirmed
 * first, then takes effect on the app's next request.
 */
@Controller
class ConnectedAppsController {

	static final String PATH = "/connected-apps";

	static final String WORKSPACE_PATH = "/security/grants";

	private final ConnectedApps connectedApps;

	private final ScopeCatalog scopes;

	private final Accounts accounts;

	private final Clock clock;

	ConnectedAppsController(ConnectedApps connectedApps, ScopeCatalog scopes, Accounts accounts, Clock clock) {
		this.connectedApps = connectedApps;
		this.scopes = scopes;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping(PATH)
	String mine(Principal principal, Model model) {
		model.addAttribute("apps", views(this.connectedApps.of(principal.getName())));
		return "oauth/connected-apps";
	}

	@GetMapping(PATH + "/{clientId}/revoke")
	String confirm(Principal principal, @PathVariable String clientId, Model model, RedirectAttributes redirect) {
		return this.connectedApps.find(principal.getName(), clientId).map((app) -> {
			model.addAttribute("app", ConnectedAppView.of(app, this.scopes, this.clock.instant()));
			model.addAttribute("action", PATH + "/" + clientId + "/revoke");
			model.addAttribute("back", PATH);
			model.addAttribute("own", true);
			return "oauth/confirm-revoke-grant";
		}).orElseGet(() -> gone(redirect, PATH));
	}

	@PostMapping(PATH + "/{clientId}/revoke")
	String revoke(Principal principal, @PathVariable String clientId, RedirectAttributes redirect) {
		return this.connectedApps.find(principal.getName(), clientId).map((app) -> {
			this.connectedApps.revoke(app.person(), app.app(), principal.getName());
			redirect.addFlashAttribute("notice",
					"%s no longer has access to your account. Every token it held has stopped working."
						.formatted(app.name()));
			return "redirect:" + PATH;
		}).orElseGet(() -> gone(redirect, PATH));
	}

	@GetMapping(WORKSPACE_PATH)
	String workspace(Principal principal, Model model) {
		WorkspaceId workspace = administeredWorkspace(principal);
		model.addAttribute("apps", views(this.connectedApps.inWorkspace(workspace)));
		model.addAttribute("workspaceName", this.accounts.workspaceName(workspace).orElse("your workspace"));
		return "oauth/workspace-grants";
	}

	@GetMapping(WORKSPACE_PATH + "/revoke")
	String confirmForWorkspace(Principal principal, @RequestParam("client_id") String clientId,
			@RequestParam String person, Model model, RedirectAttributes redirect) {
		WorkspaceId workspace = administeredWorkspace(principal);
		return this.connectedApps.find(person, clientId).filter((app) -> belongsTo(app, workspace)).map((app) -> {
			model.addAttribute("app", ConnectedAppView.of(app, this.scopes, this.clock.instant()));
			model.addAttribute("action", WORKSPACE_PATH + "/revoke");
			model.addAttribute("back", WORKSPACE_PATH);
			model.addAttribute("own", false);
			return "oauth/confirm-revoke-grant";
		}).orElseGet(() -> gone(redirect, WORKSPACE_PATH));
	}

	@PostMapping(WORKSPACE_PATH + "/revoke")
	String revokeForWorkspace(Principal principal, @RequestParam("client_id") String clientId,
			@RequestParam String person, RedirectAttributes redirect) {
		WorkspaceId workspace = administeredWorkspace(principal);
		return this.connectedApps.find(person, clientId).filter((app) -> belongsTo(app, workspace)).map((app) -> {
			this.connectedApps.revoke(app.person(), app.app(), principal.getName());
			redirect.addFlashAttribute("notice",
					"%s no longer has access to %s's account.".formatted(app.name(), app.person()));
			return "redirect:" + WORKSPACE_PATH;
		}).orElseGet(() -> gone(redirect, WORKSPACE_PATH));
	}

	private static boolean belongsTo(ConnectedApp app, WorkspaceId workspace) {
		return workspace.equals(app.workspace());
	}

	/**
	 * The workspace the signed-in person owns or administers.
	 * @throws AccessDeniedException for members
	 */
	private WorkspaceId administeredWorkspace(Principal principal) {
		WorkspaceMember member = this.accounts.memberByEmail(principal.getName())
			.orElseThrow(() -> new AccessDeniedException("No account or no workspace"));
		if (!member.administers()) {
			throw new AccessDeniedException("Only the workspace's owners and admins see every connected app");
		}
		return member.workspace();
	}

	private List<ConnectedAppView> views(List<ConnectedApp> apps) {
		Instant now = this.clock.instant();
		return apps.stream().map((app) -> ConnectedAppView.of(app, this.scopes, now)).toList();
	}

	private static String gone(RedirectAttributes redirect, String back) {
		redirect.addFlashAttribute("notice", "That app is no longer connected.");
		return "redirect:" + back;
	}

}
