package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.mailgate.platform.PlatformAdministrators;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The platform administrators' page of signing keys: the keys that sign JWTs and
 * client_credentials tokens, how old they are, when the schedule replaces them, and a
 * button that rotates both now (after a suspected leak, say). Only ids and dates: no key
 * material is ever shown.
 */
@Controller
@RequestMapping(SigningKeysController.PATH)
class SigningKeysController {

	static final String PATH = "/admin/signing-keys";

	private final KeyRotation rotation;

	private final OAuthProperties properties;

	SigningKeysController(KeyRotation rotation, OAuthProperties properties) {
		this.rotation = rotation;
		this.properties = properties;
	}

	@GetMapping
	String showSigningKeys(Authentication operator, Model model) {
		PlatformAdministrators.require(operator, "manage signing keys");
		KeyRotation.Overview overview = this.rotation.overview();
		Duration retention = this.properties.retiredKeyRetention();
		model.addAttribute("signingKeys", rows(overview.signingKeys(), retention));
		model.addAttribute("tokenKeys", rows(overview.tokenKeys(), retention));
		model.addAttribute("signingDue", when(overview.signingDue()));
		model.addAttribute("tokenDue", when(overview.tokenDue()));
		model.addAttribute("scheduled", overview.signingDue() != null || overview.tokenDue() != null);
		model.addAttribute("maximumAge", KeyRotation.describe(overview.maximumAge()));
		model.addAttribute("retention", KeyRotation.describe(retention));
		return "oauth/signing-keys";
	}

	@PostMapping("/rotate")
	String rotateSigningKeys(Authentication operator, RedirectAttributes redirect) {
		PlatformAdministrators.require(operator, "manage signing keys");
		this.rotation.rotateNow(operator.getName());
		redirect.addFlashAttribute("notice",
				"Both keys were rotated. New tokens are signed with the new keys on every node within 30 seconds; "
						+ "tokens signed before keep working until they expire.");
		return "redirect:" + PATH;
	}

	private static List<KeyRow> rows(List<KeyRotation.KeyAge> keys, Duration retention) {
		return keys.stream()
			.map((key) -> new KeyRow(key.id(), Timestamps.minute(key.createdAt()), key.retiredAt() == null,
					(key.retiredAt() != null) ? Timestamps.minute(key.retiredAt()) : null,
					(key.retiredAt() != null) ? Timestamps.minute(key.retiredAt().plus(retention)) : null))
			.toList();
	}

	private static @Nullable String when(@Nullable Instant instant) {
		return (instant != null) ? Timestamps.minute(instant) : null;
	}

	/**
	 * @param signing whether this key signs new tokens
	 * @param retiredAt when it stopped signing
	 * @param checksUntil when it stops checking the tokens it signed
	 */
	record KeyRow(String id, String createdAt, boolean signing, @Nullable String retiredAt,
			@Nullable String checksUntil) {
	}

}
