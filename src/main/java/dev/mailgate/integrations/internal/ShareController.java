package dev.mailgate.integrations.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.Campaigns;
import dev.mailgate.campaigns.SentCampaign;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sharing a sent campaign to a connected social account: pick the campaign, edit the
 * text, see the card, share; and the account's history of shares. The campaign pages link
 * to {@code /integrations/share}, which leads to the right account.
 */
@Controller
class ShareController {

	static final int CAMPAIGNS = 50;

	static final int HISTORY = 25;

	private final JdbcConnections connections;

	private final Campaigns campaigns;

	private final CampaignSharing sharing;

	private final JdbcShares shares;

	ShareController(JdbcConnections connections, Campaigns campaigns, CampaignSharing sharing, JdbcShares shares) {
		this.connections = connections;
		this.campaigns = campaigns;
		this.sharing = sharing;
		this.shares = shares;
	}

	/**
	 * A share as the history shows it.
	 */
	record ShareView(String time, String campaign, String commentary, String status, @Nullable String postUrl,
			@Nullable String error) {
	}

	@GetMapping("/integrations/share")
	String chooseAccount(WorkspaceMember member, @RequestParam(required = false) @Nullable String campaign,
			Model model) {
		List<Connection> social = this.connections.inWorkspace(member.workspace())
			.stream()
			.filter((connection) -> connection.can(Capability.SHARE))
			.toList();
		String query = (campaign != null) ? campaignId(campaign).map((id) -> "?campaign=" + id).orElse("") : "";
		if (social.size() == 1) {
			return "redirect:/integrations/connections/" + social.get(0).id() + "/share" + query;
		}
		model.addAttribute("accounts", social);
		model.addAttribute("query", query);
		return "integrations/share-choose";
	}

	@GetMapping("/integrations/connections/{id}/share")
	String showSharePage(WorkspaceMember member, @PathVariable String id,
			@RequestParam(required = false) @Nullable String campaign, Model model, HttpServletRequest request) {
		Connection connection = CapableConnections.find(this.connections, member, id, Capability.SHARE, request);
		List<SentCampaign> sent = this.campaigns.recentlySent(member.workspace(), CAMPAIGNS);
		SentCampaign selected = (campaign != null) ? sent(member, campaign).orElse(null)
				: sent.stream().findFirst().orElse(null);
		if (campaign != null && selected == null) {
			model.addAttribute("error", "That campaign has not been sent yet, so there is nothing to share. "
					+ "Pick a sent campaign below.");
		}
		return page(member, connection, sent, selected, (selected != null) ? commentary(selected) : "", model);
	}

	@PostMapping("/integrations/connections/{id}/share")
	String shareCampaign(WorkspaceMember member, @PathVariable String id, @RequestParam String campaign,
			@RequestParam(defaultValue = "") String commentary, Model model, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response) {
		Connection connection = CapableConnections.find(this.connections, member, id, Capability.SHARE, request);
		List<SentCampaign> sent = this.campaigns.recentlySent(member.workspace(), CAMPAIGNS);
		SentCampaign selected = sent(member, campaign).orElse(null);
		try {
			if (selected == null) {
				throw new ShareRefused("That campaign has not been sent yet, so there is nothing to share.");
			}
			Share share = this.sharing.share(member, connection, selected, commentary);
			redirect.addFlashAttribute("notice", "Shared to %s.".formatted(connection.provider().name()));
			redirect.addFlashAttribute("postUrl", share.postUrl());
			return "redirect:/integrations/connections/" + connection.id() + "/share?campaign=" + selected.id();
		}
		catch (ShareRefused ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			model.addAttribute("error", ex.getMessage());
			return page(member, connection, sent, selected, commentary, model);
		}
	}

	private String page(WorkspaceMember member, Connection connection, List<SentCampaign> sent,
			@Nullable SentCampaign selected, String commentary, Model model) {
		model.addAttribute("connection", connection);
		model.addAttribute("times", CapableConnections.TIMES);
		boolean listed = selected == null || sent.stream().anyMatch((c) -> c.id().equals(selected.id()));
		model.addAttribute("campaigns", listed ? sent : Stream.concat(Stream.of(selected), sent.stream()).toList());
		model.addAttribute("selected", selected);
		model.addAttribute("commentary", commentary);
		model.addAttribute("description", "A campaign from " + member.workspaceName());
		model.addAttribute("maxCommentary", CampaignSharing.MAX_COMMENTARY);
		model.addAttribute("shares", history(member, connection, sent));
		return "integrations/share";
	}

	private List<ShareView> history(WorkspaceMember member, Connection connection, List<SentCampaign> sent) {
		Map<CampaignId, String> subjects = sent.stream()
			.collect(Collectors.toMap(SentCampaign::id, SentCampaign::subject, (a, b) -> a));
		Function<CampaignId, String> subject = (campaign) -> subjects.computeIfAbsent(campaign,
				(missing) -> this.campaigns.findSent(member.workspace(), missing)
					.map(SentCampaign::subject)
					.orElse("(a deleted campaign)"));
		return this.shares.of(connection.id(), HISTORY)
			.stream()
			.map((share) -> new ShareView(CapableConnections.minute(share.createdAt()), subject.apply(share.campaign()),
					share.commentary(), label(share), share.postUrl(), share.error()))
			.toList();
	}

	private static String label(Share share) {
		return share.shared() ? "Shared" : share.failed() ? "Not shared" : "Sharing";
	}

	static String commentary(SentCampaign campaign) {
		String archive = campaign.archiveUrl();
		return (archive != null) ? campaign.subject() + "\n\nRead it here: " + archive : campaign.subject();
	}

	private Optional<SentCampaign> sent(WorkspaceMember member, String campaign) {
		return campaignId(campaign).flatMap((id) -> this.campaigns.findSent(member.workspace(), id));
	}

	private static Optional<CampaignId> campaignId(String campaign) {
		try {
			return Optional.of(CampaignId.parse(campaign.strip()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
