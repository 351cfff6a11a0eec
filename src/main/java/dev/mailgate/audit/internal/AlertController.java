package dev.mailgate.audit.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.platform.ErrorDetail;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /security/alerts}: the workspace's alerts, open or acknowledged, and
 * acknowledging one (from this page or the dashboard).
 */
@Controller
@RequestMapping("/security/alerts")
class AlertController {

	static final int SHOWN = 200;

	private final AlertStore alerts;

	private final Apps apps;

	private final Clock clock;

	AlertController(AlertStore alerts, Apps apps, Clock clock) {
		this.alerts = alerts;
		this.apps = apps;
		this.clock = clock;
	}

	@GetMapping
	String listAlerts(SecurityDashboardViewer viewer, @RequestParam(defaultValue = "open") String status,
			@RequestParam(defaultValue = "workspace") String scope, Model model) {
		AlertStatus filter = AlertStatus.of(status);
		WorkspaceId workspace = viewer.scope(scope);
		List<AlertView> shown = this.alerts.list(workspace, filter, SHOWN)
			.stream()
			.map((alert) -> AlertView.of(alert, (alert.app() != null) ? this.apps.byId(alert.app()).orElse(null) : null,
					viewer.workspace()))
			.toList();
		model.addAttribute("viewer", viewer);
		model.addAttribute("alerts", shown);
		model.addAttribute("status", filter.param());
		model.addAttribute("everywhere", workspace == null);
		model.addAttribute("openCount", this.alerts.countOpen(workspace));
		model.addAttribute("shown", SHOWN);
		return "audit/alerts";
	}

	@PostMapping("/{id}/acknowledge")
	String acknowledgeAlert(SecurityDashboardViewer viewer, @PathVariable String id,
			@RequestParam(defaultValue = "alerts") String returnTo, RedirectAttributes redirect) {
		UUID alert = parse(id);
		WorkspaceId workspace = viewer.platformAdmin() ? null : viewer.workspace();
		Alert found = this.alerts.find(alert, workspace).orElseThrow(() -> new AlertNotFound(id));
		boolean acknowledged = this.alerts.acknowledge(alert, workspace, viewer.email(), this.clock.instant());
		redirect.addFlashAttribute("notice", acknowledged ? "Alert acknowledged: %s.".formatted(title(found))
				: "That alert was acknowledged already.");
		return "dashboard".equals(returnTo) ? "redirect:/security" : "redirect:/security/alerts";
	}

	@ExceptionHandler
	void handle(AlertNotFound ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ErrorDetail.attach(request, "There is no such alert in your workspace. The link may be mistyped.");
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

	private static UUID parse(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new AlertNotFound(id);
		}
	}

	private static String title(Alert alert) {
		return AlertRule.byId(alert.rule()).map(AlertRule::title).orElse(alert.rule());
	}

}
