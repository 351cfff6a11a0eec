package dev.mailgate.integrations.internal;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.campaigns.Campaigns;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The engagement export of a connection to its provider's events URL: turn it on or off,
 * see how far it got and what went wrong, and send now.
 */
@Controller
@RequestMapping("/integrations/connections/{id}/analytics")
class AnalyticsController {

	/**
	 * The backlog is counted up to this many events; beyond, the page says "more than".
	 */
	static final int BACKLOG_COUNTED = 1000;

	private final JdbcConnections connections;

	private final JdbcAnalyticsExports exports;

	private final AnalyticsExporter exporter;

	private final Campaigns campaigns;

	private final Clock clock;

	AnalyticsController(JdbcConnections connections, JdbcAnalyticsExports exports, AnalyticsExporter exporter,
			Campaigns campaigns, Clock clock) {
		this.connections = connections;
		this.exports = exports;
		this.exporter = exporter;
		this.campaigns = campaigns;
		this.clock = clock;
	}

	/**
	 * The export as the page shows it.
	 *
	 * @param backlog events waiting, counted up to {@link #BACKLOG_COUNTED}
	 */
	record ExportView(boolean enabled, boolean includeEmail, String status, long exported, String lastSuccess,
			int backlog, boolean backlogMore, @Nullable String error, @Nullable String nextRetry) {
	}

	@GetMapping
	String showAnalyticsExport(WorkspaceMember member, @PathVariable String id, Model model,
			HttpServletRequest request) {
		Connection connection = CapableConnections.find(this.connections, member, id, Capability.ANALYTICS, request);
		AnalyticsExport export = this.exports.find(connection.id()).orElse(null);
		model.addAttribute("connection", connection);
		model.addAttribute("export", view(connection, export));
		return "integrations/analytics";
	}

	@PostMapping("/enable")
	String enableExport(WorkspaceMember member, @PathVariable String id,
			@RequestParam(defaultValue = "false") boolean includeEmail, RedirectAttributes redirect,
			HttpServletRequest request) {
		Connection connection = CapableConnections.find(this.connections, member, id, Capability.ANALYTICS, request);
		this.exports.enable(connection.workspace(), connection.id(), includeEmail, this.clock.instant());
		redirect.addFlashAttribute("notice", "The export is on. New engagement events go to %s within seconds."
			.formatted(connection.provider().name()));
		return redirectTo(connection);
	}

	@PostMapping("/disable")
	String disableExport(WorkspaceMember member, @PathVariable String id, RedirectAttributes redirect,
			HttpServletRequest request) {
		Connection connection = CapableConnections.find(this.connections, member, id, Capability.ANALYTICS, request);
		this.exports.disable(connection.id(), this.clock.instant());
		redirect.addFlashAttribute("notice",
				"The export is off. When you turn it on again, it continues where it stopped.");
		return redirectTo(connection);
	}

	@PostMapping("/send-now")
	String sendNow(WorkspaceMember member, @PathVariable String id, RedirectAttributes redirect,
			HttpServletRequest request) {
		Connection connection = CapableConnections.find(this.connections, member, id, Capability.ANALYTICS, request);
		if (this.exporter.sendNow(connection.id())) {
			redirect.addFlashAttribute("notice", "Sending now. Reload the page in a moment to see how it went.");
		}
		else {
			redirect.addFlashAttribute("error", "Turn the export on first.");
		}
		return redirectTo(connection);
	}

	private ExportView view(Connection connection, @Nullable AnalyticsExport export) {
		int backlog = this.campaigns
			.engagementsAfter(connection.workspace(), (export != null) ? export.lastEventId() : null, BACKLOG_COUNTED)
			.size();
		if (export == null) {
			return new ExportView(false, false, "Off", 0, "", backlog, backlog >= BACKLOG_COUNTED, null, null);
		}
		String status = !export.enabled() ? "Off" : switch (export.status()) {
			case "RETRYING" -> "Retrying";
			case "PAUSED" -> "Paused";
			default -> (backlog == 0) ? "Up to date" : "Sending";
		};
		boolean failing = !export.status().equals("IDLE");
		return new ExportView(export.enabled(), export.includeEmail(), status, export.exportedCount(),
				CapableConnections.minute(export.lastSuccessAt()), backlog, backlog >= BACKLOG_COUNTED,
				export.lastError(),
				(failing && export.enabled()) ? CapableConnections.minute(export.nextAttemptAt()) : null);
	}

	private static String redirectTo(Connection connection) {
		return "redirect:/integrations/connections/" + connection.id() + "/analytics";
	}

}
