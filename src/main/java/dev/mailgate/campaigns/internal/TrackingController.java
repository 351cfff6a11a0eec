package dev.mailgate.campaigns.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.campaigns.EngagementKind;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The open-tracking pixel and tracked clicks, reached from recipients' mail without
 * signing in. A link whose signature does not match what {@link TrackingLinks} signed was
 * altered: it answers 404 and records nothing, and a click never redirects anywhere but
 * to the exact, signed target.
 */
@Controller
class TrackingController {

	/** A transparent GIF of one pixel (GIF89a, 43 bytes). */
	private static final byte[] PIXEL = { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, (byte) 0x80, 0x00,
			0x00, 0x00, 0x00, 0x00, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x21, (byte) 0xf9, 0x04, 0x01, 0x00, 0x00,
			0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00,
			0x3b };

	private static final MediaType GIF = MediaType.IMAGE_GIF;

	private final TrackingLinks links;

	private final TrackingRecorder recorder;

	TrackingController(TrackingLinks links, TrackingRecorder recorder) {
		this.links = links;
		this.recorder = recorder;
	}

	@GetMapping("/t/o/{campaign}/{contact}/{signature}")
	ResponseEntity<byte[]> showPixel(@PathVariable String campaign, @PathVariable String contact,
			@PathVariable String signature, HttpServletRequest request) {
		TrackingLinks.Ids ids = verified(TrackingLinks.OPEN, campaign, contact, "", signature);
		this.recorder.record(EngagementKind.OPENED, ids, null, null, request.getRemoteAddr(),
				request.getHeader(HttpHeaders.USER_AGENT));
		// never cached: each time the message is shown again counts as an open
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(GIF).body(PIXEL);
	}

	@GetMapping("/t/c/{campaign}/{contact}/{signature}")
	ResponseEntity<Void> followClick(@PathVariable String campaign, @PathVariable String contact,
			@PathVariable String signature, HttpServletRequest request) {
		String url = target(request).orElseThrow(TrackingController::notFound);
		TrackingLinks.Ids ids = verified(TrackingLinks.CLICK, campaign, contact, url, signature);
		this.recorder.record(EngagementKind.CLICKED, ids, null, url, request.getRemoteAddr(),
				request.getHeader(HttpHeaders.USER_AGENT));
		return ResponseEntity.status(HttpStatus.FOUND)
			.location(location(url))
			.cacheControl(CacheControl.noStore())
			.build();
	}

	private TrackingLinks.Ids verified(String kind, String campaign, String contact, String url, String signature) {
		return TrackingLinks.ids(campaign, contact)
			.filter((ids) -> this.links.verify(kind, ids.campaign(), ids.contact(), url, signature))
			.orElseThrow(TrackingController::notFound);
	}

	/**
	 * The click's target as it was signed: {@code u} from the raw query string, decoded
	 * without turning {@code +} into a space (the form decoding of request parameters
	 * would), and only an absolute http(s) URL.
	 */
	static Optional<String> target(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null) {
			return Optional.empty();
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("u=")) {
				return absoluteWeb(decode(pair.substring(2)));
			}
		}
		return Optional.empty();
	}

	private static @Nullable String decode(String value) {
		try {
			return UriUtils.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Optional<String> absoluteWeb(@Nullable String url) {
		if (url == null) {
			return Optional.empty();
		}
		try {
			UriComponents parts = UriComponentsBuilder.fromUriString(url).build();
			String scheme = (parts.getScheme() != null) ? parts.getScheme().toLowerCase(Locale.ROOT) : "";
			boolean web = (scheme.equals("https") || scheme.equals("http")) && parts.getHost() != null
					&& !parts.getHost().isEmpty();
			return web ? Optional.of(url) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The target as a {@code Location}: as it is when it is a valid URI, otherwise with
	 * the characters a URI may not hold (spaces, non-ASCII) percent-encoded.
	 */
	static URI location(String url) {
		try {
			return new URI(url);
		}
		catch (URISyntaxException ex) {
			return UriComponentsBuilder.fromUriString(url).build().encode().toUri();
		}
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
