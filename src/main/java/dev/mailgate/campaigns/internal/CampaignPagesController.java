package dev.mailgate.campaigns.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldError;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The campaign pages: the list, the editor with its preview, the send confirmation (send
 * now, schedule, send a test) and a sending campaign's progress.
 */
@Controller
@RequestMapping("/campaigns")
class CampaignPagesController {

	/**
	 * The preview is the marketer's own HTML: framed by the editor only, in a sandbox,
	 * with no scripts, forms or plugins, and images and styles as an email client shows
	 * them. Its {@code frame-ancestors} is what browsers follow over the pages'
	 * {@code X-Frame-Options: DENY} (CSP Level 2).
	 */
	static final String PREVIEW_POLICY = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; "
			+ "font-src https: data:; sandbox; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

	private final CampaignDrafts drafts;

	private final CampaignSending sending;

	private final JdbcCampaigns campaigns;

	private final CampaignMessages messages;

	private final Contacts contacts;

	CampaignPagesController(CampaignDrafts drafts, CampaignSending sending, JdbcCampaigns campaigns,
			CampaignMessages messages, Contacts contacts) {
		this.drafts = drafts;
		this.sending = sending;
		this.campaigns = campaigns;
		this.messages = messages;
		this.contacts = contacts;
	}

	/**
	 * How the pages show times.
	 */
	@ModelAttribute("times")
	PageTimes times() {
		return PageTimes.UTC;
	}

	@GetMapping
	String listCampaigns(WorkspaceMember marketer, Model model) {
		List<Campaign> page = this.campaigns.page(marketer.workspace(), null, null, 200);
		model.addAttribute("campaigns", page);
		model.addAttribute("counts", this.campaigns.counts(page.stream().map(Campaign::id).toList()));
		model.addAttribute("none", JdbcCampaigns.Counts.NONE);
		return "campaigns/list";
	}

	@GetMapping("/new")
	String initCreationForm(WorkspaceMember marketer, Model model) {
		return editor(marketer, null, CampaignForm.of(this.drafts.blank(marketer.workspace())), List.of(), model);
	}

	@PostMapping("/new")
	String createCampaign(WorkspaceMember marketer, @RequestParam MultiValueMap<String, String> params, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		CampaignForm form = CampaignForm.read(params);
		try {
			Campaign campaign = this.drafts.create(marketer.workspace(), form.content(), marketer.person().email());
			redirect.addFlashAttribute("notice", "The draft is saved.");
			return "redirect:/campaigns/" + campaign.id();
		}
		catch (InvalidCampaign ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return editor(marketer, null, form, ex.errors(), model);
		}
	}

	@GetMapping("/{id}")
	String showCampaign(WorkspaceMember marketer, @PathVariable String id, Model model) {
		Campaign campaign = find(marketer, id);
		if (campaign.status() == CampaignStatus.DRAFT) {
			return editor(marketer, campaign, CampaignForm.of(campaign), List.of(), model);
		}
		model.addAttribute("campaign", campaign);
		model.addAttribute("counts", this.campaigns.counts(campaign.id()));
		model.addAttribute("list", listName(marketer, campaign));
		return "campaigns/show";
	}

	@PostMapping("/{id}")
	String updateCampaign(WorkspaceMember marketer, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Campaign campaign = find(marketer, id);
		CampaignForm form = CampaignForm.read(params);
		try {
			this.drafts.update(marketer.workspace(), campaign.id(), form.content(), form.version());
			redirect.addFlashAttribute("notice", "Changes saved.");
			return "redirect:/campaigns/" + campaign.id() + (params.containsKey("next") ? "/send" : "");
		}
		catch (InvalidCampaign ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return editor(marketer, campaign, form, ex.errors(), model);
		}
		catch (StaleCampaign ex) {
			// keep what they wrote, and say that saving it would overwrite someone else's
			response.setStatus(HttpStatus.CONFLICT.value());
			Campaign current = find(marketer, id);
			model.addAttribute("stale", true);
			CampaignForm theirs = CampaignForm.of(current);
			return editor(marketer, current, withVersion(form, theirs.version()), List.of(), model);
		}
	}

	@GetMapping(path = "/{id}/preview", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	ResponseEntity<String> showPreview(WorkspaceMember marketer, @PathVariable String id) {
		Campaign campaign = find(marketer, id);
		Contact sample = campaign.content().hasAudience()
				? this.contacts.list(marketer.workspace(), SendStart.audience(campaign.content()), null, 1)
					.data()
					.stream()
					.findFirst()
					.orElse(null)
				: null;
		String html = this.messages.preview(campaign, (sample != null) ? sample.email() : marketer.person().email(),
				sample);
		return ResponseEntity.ok()
			.header("Content-Security-Policy", PREVIEW_POLICY)
			.header("Cache-Control", "no-store")
			.contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
			.body(html);
	}

	@GetMapping("/{id}/send")
	String confirmSend(WorkspaceMember marketer, @PathVariable String id, Model model) {
		Campaign campaign = find(marketer, id);
		model.addAttribute("campaign", campaign);
		model.addAttribute("list", listName(marketer, campaign));
		model.addAttribute("audience", campaign.content().hasAudience()
				? this.contacts.count(marketer.workspace(), SendStart.audience(campaign.content())) : 0L);
		model.addAttribute("testEmail", marketer.person().email());
		model.addAttribute("today", LocalDate.now(ZoneOffset.UTC).toString());
		return "campaigns/send";
	}

	@PostMapping("/{id}/send")
	String sendCampaign(WorkspaceMember marketer, @PathVariable String id, RedirectAttributes redirect) {
		Campaign campaign = find(marketer, id);
		this.sending.sendNow(marketer.workspace(), campaign.id());
		redirect.addFlashAttribute("notice", "Sending has started.");
		return "redirect:/campaigns/" + campaign.id();
	}

	@PostMapping("/{id}/schedule")
	String scheduleCampaign(WorkspaceMember marketer, @PathVariable String id,
			@RequestParam(required = false) @Nullable String date,
			@RequestParam(required = false) @Nullable String time,
			@RequestParam(required = false) @Nullable String zone, RedirectAttributes redirect) {
		Campaign campaign = find(marketer, id);
		if (date == null || date.isBlank() || time == null || time.isBlank()) {
			redirect.addFlashAttribute("error", "Choose a date and a time.");
			return "redirect:/campaigns/" + campaign.id() + "/send";
		}
		try {
			java.time.Instant at = LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(zone(zone)).toInstant();
			this.sending.schedule(marketer.workspace(), campaign.id(), at);
			redirect.addFlashAttribute("notice", "Scheduled.");
			return "redirect:/campaigns/" + campaign.id();
		}
		catch (DateTimeException ex) {
			redirect.addFlashAttribute("error", "Choose a date and a time.");
		}
		catch (InvalidCampaign ex) {
			redirect.addFlashAttribute("error", ex.errors().get(0).field().equals("send_at")
					? "Choose a date and a time in the future." : "Not ready: " + ex.errors().get(0).detail() + ".");
		}
		return "redirect:/campaigns/" + campaign.id() + "/send";
	}

	@PostMapping("/{id}/test")
	String sendTest(WorkspaceMember marketer, @PathVariable String id,
			@RequestParam(required = false) @Nullable String email, RedirectAttributes redirect) {
		Campaign campaign = find(marketer, id);
		String to = (email != null) ? email.strip() : "";
		try {
			this.sending.test(marketer.workspace(), campaign.id(), to);
			redirect.addFlashAttribute("notice", "A test is on its way to %s.".formatted(to));
		}
		catch (InvalidCampaign ex) {
			redirect.addFlashAttribute("error", ex.errors().get(0).detail());
		}
		return "redirect:/campaigns/" + campaign.id() + "/send";
	}

	@PostMapping("/{id}/cancel")
	String cancelCampaign(WorkspaceMember marketer, @PathVariable String id, RedirectAttributes redirect) {
		Campaign campaign = find(marketer, id);
		this.sending.cancel(marketer.workspace(), campaign.id());
		redirect.addFlashAttribute("notice", "The campaign is cancelled.");
		return "redirect:/campaigns/" + campaign.id();
	}

	@PostMapping("/{id}/delete")
	String deleteCampaign(WorkspaceMember marketer, @PathVariable String id, RedirectAttributes redirect) {
		Campaign campaign = find(marketer, id);
		this.drafts.delete(marketer.workspace(), campaign.id(), null);
		redirect.addFlashAttribute("notice", "The draft %s is deleted.".formatted(campaign.content().name()));
		return "redirect:/campaigns";
	}

	/**
	 * What the progress bar of a sending campaign polls.
	 */
	@GetMapping(path = "/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> showProgress(WorkspaceMember marketer, @PathVariable String id) {
		Campaign campaign = find(marketer, id);
		JdbcCampaigns.Counts counts = this.campaigns.counts(campaign.id());
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("status", campaign.status().value());
		json.put("total", campaign.recipients());
		json.put("done", counts.done());
		json.put("sent", counts.sent());
		json.put("bounced", counts.bounced());
		json.put("failed", counts.failed());
		return json;
	}

	private String editor(WorkspaceMember marketer, @Nullable Campaign campaign, CampaignForm form,
			List<FieldError> errors, Model model) {
		model.addAttribute("campaign", campaign);
		model.addAttribute("form", form);
		model.addAttribute("errors", CampaignForm.errorsByField(errors));
		model.addAttribute("lists", this.contacts.lists(marketer.workspace()));
		model.addAttribute("tags", MergeValues.known(this.contacts.fields(marketer.workspace())));
		model.addAttribute("fields", this.contacts.fields(marketer.workspace()));
		return "campaigns/edit";
	}

	private static CampaignForm withVersion(CampaignForm form, @Nullable Long version) {
		return new CampaignForm(form.name(), form.subject(), form.preheader(), form.fromName(), form.fromEmail(),
				form.replyTo(), form.htmlBody(), form.textBody(), form.listId(), form.tag(), form.archivePublic(),
				version);
	}

	private @Nullable String listName(WorkspaceMember marketer, Campaign campaign) {
		if (campaign.content().targetList() == null) {
			return null;
		}
		return this.contacts.findList(marketer.workspace(), campaign.content().targetList())
			.map(ContactList::name)
			.orElse("(a deleted list)");
	}

	private Campaign find(WorkspaceMember marketer, String id) {
		return this.drafts.find(marketer.workspace(), CampaignsApiController.campaignId(id));
	}

	private static ZoneId zone(@Nullable String zone) {
		try {
			return (zone == null || zone.isBlank()) ? ZoneOffset.UTC : ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			return ZoneOffset.UTC;
		}
	}

}
