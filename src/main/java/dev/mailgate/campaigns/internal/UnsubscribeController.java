package dev.mailgate.campaigns.internal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /u/{campaign}/{contact}/{signature}}, the unsubscribe link of every message,
 * without signing in. GET shows whom it unsubscribes and a button; POST unsubscribes. The
 * same POST is RFC 8058's one-click unsubscription: mail providers send
 * {@code List-Unsubscribe=One-Click} to the {@code List-Unsubscribe} URL, without cookies
 * or a CSRF token, and get 200.
 */
@Controller
class UnsubscribeController {

	private final TrackingLinks links;

	private final Unsubscribes unsubscribes;

	UnsubscribeController(TrackingLinks links, Unsubscribes unsubscribes) {
		this.links = links;
		this.unsubscribes = unsubscribes;
	}

	@GetMapping("/u/{campaign}/{contact}/{signature}")
	String showUnsubscribe(@PathVariable String campaign, @PathVariable String contact, @PathVariable String signature,
			Model model) {
		model.addAttribute("unsubscribe", this.unsubscribes.find(verified(campaign, contact, signature))
			.orElseThrow(UnsubscribeController::gone));
		return "campaigns/unsubscribe";
	}

	@PostMapping("/u/{campaign}/{contact}/{signature}")
	String unsubscribe(@PathVariable String campaign, @PathVariable String contact, @PathVariable String signature,
			Model model) {
		model.addAttribute("unsubscribe", this.unsubscribes.unsubscribe(verified(campaign, contact, signature))
			.orElseThrow(UnsubscribeController::gone));
		return "campaigns/unsubscribe";
	}

	private TrackingLinks.Ids verified(String campaign, String contact, String signature) {
		return TrackingLinks.ids(campaign, contact)
			.filter((ids) -> this.links.verify(TrackingLinks.UNSUBSCRIBE, ids.campaign(), ids.contact(), "", signature))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/**
	 * The campaign was deleted, and with it what its links pointed to.
	 */
	private static ResponseStatusException gone() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
