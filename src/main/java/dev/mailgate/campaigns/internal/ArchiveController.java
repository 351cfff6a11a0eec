package dev.mailgate.campaigns.internal;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.platform.ErrorDetail;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /archive/{slug}}: a sent campaign's public page, the one social media apps link
 * to (Open Graph and Twitter card tags, share links). The message itself comes from
 * {@code /archive/{slug}/content} into a sandboxed frame: its HTML keeps its own styles,
 * while its scripts, forms and plugins cannot run (the frame's {@code sandbox} and the
 * content's own Content-Security-Policy, {@link TrackingSecurity}).
 */
@Controller
class ArchiveController {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

	private final ArchivePages pages;

	ArchiveController(ArchivePages pages) {
		this.pages = pages;
	}

	@GetMapping("/archive/{slug}")
	String showArchivePage(@PathVariable String slug, Model model, HttpServletRequest request) {
		model.addAttribute("page", this.pages.find(slug).orElseThrow(() -> notPublic(request)));
		return "campaigns/archive";
	}

	@GetMapping("/archive/{slug}/content")
	ResponseEntity<String> showArchivedContent(@PathVariable String slug, HttpServletRequest request) {
		ArchivePages.ArchivePage page = this.pages.find(slug).orElseThrow(() -> notPublic(request));
		return ResponseEntity.ok().contentType(HTML).body(page.content());
	}

	private static ResponseStatusException notPublic(HttpServletRequest request) {
		ErrorDetail.attach(request, "There is no public page here. The campaign may not be sent yet, or not shared.");
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
