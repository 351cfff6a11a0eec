package dev.mailgate.campaigns.internal;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.platform.ErrorDetail;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /campaigns/{id}/report}: a campaign's report for the members of its workspace,
 * with its charts drawn on the server (inline SVG).
 */
@Controller
class ReportController {

	private final ReportQueries reports;

	ReportController(ReportQueries reports) {
		this.reports = reports;
	}

	@GetMapping("/campaigns/{id}/report")
	String showReport(@PathVariable String id, WorkspaceMember viewer, Model model, HttpServletRequest request) {
		Report report;
		try {
			report = this.reports.report(viewer.workspace(), CampaignId.parse(id)).orElse(null);
		}
		catch (IllegalArgumentException ex) {
			report = null;
		}
		if (report == null) {
			ErrorDetail.attach(request, "There is no such campaign in your workspace.");
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("view", ReportView.of(report));
		return "campaigns/report";
	}

}
