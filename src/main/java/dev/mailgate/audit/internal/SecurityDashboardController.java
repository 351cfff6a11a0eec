package dev.mailgate.audit.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /security}: the security dashboard of the signed-in person's workspace, for its
 * owners and admins; platform administrators may switch to every workspace.
 */
@Controller
class SecurityDashboardController {

	private final SecurityDashboard dashboard;

	SecurityDashboardController(SecurityDashboard dashboard) {
		this.dashboard = dashboard;
	}

	@GetMapping("/security")
	String showDashboard(SecurityDashboardViewer viewer, @RequestParam(defaultValue = "hour") String range,
			@RequestParam(defaultValue = "workspace") String scope, Model model) {
		model.addAttribute("dashboard",
				this.dashboard.show(viewer, viewer.scope(scope), SecurityDashboardRange.of(range)));
		model.addAttribute("viewer", viewer);
		return "audit/dashboard";
	}

}
