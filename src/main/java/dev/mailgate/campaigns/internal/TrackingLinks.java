package dev.mailgate.campaigns.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.platform.Timestamps;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The links in every message, each signed for its campaign and recipient with HMAC-SHA256
 * (a key shared by every node, in the database): the open-tracking pixel, tracked clicks,
 * and unsubscribe (the visible link and RFC 8058's one-click POST). A link whose
 * signature does not match was altered: its endpoint answers 404, never a redirect to
 * wherever it now points.
 *
 * <ul>
 * <li>{@code /t/o/{campaign}/{contact}/{signature}} the pixel</li>
 * <li>{@code /t/c/{campaign}/{contact}/{signature}?u={url}} a click</li>
 * <li>{@code /u/{campaign}/{contact}/{signature}} unsubscribe (GET: the page, POST:
 * one-click)</li>
 * </ul>
 */
@Component
class TrackingLinks {

	static final String OPEN = "o";

	static final String CLICK = "c";

	static final String UNSUBSCRIBE = "u";

	private final JdbcClient jdbc;

	private final String base;

	private final Clock clock;

	private volatile byte[] key;

	TrackingLinks(JdbcClient jdbc, @Value("${mailgate.issuer:https://localhost:8443}") String issuer, Clock clock) {
		this.jdbc = jdbc;
		this.base = issuer.replaceAll("/+$", "");
		this.clock = clock;
	}

	String openPixel(CampaignId campaign, ContactId contact) {
		return this.base + "/t/o/" + campaign + "/" + contact + "/" + sign(OPEN, campaign, contact, "");
	}

	String click(CampaignId campaign, ContactId contact, String url) {
		return UriComponentsBuilder
			.fromUriString(this.base + "/t/c/" + campaign + "/" + contact + "/" + sign(CLICK, campaign, contact, url))
			.queryParam("u", url)
			.encode()
			.build()
			.toUriString();
	}

	/**
	 * The visible unsubscribe link, and the {@code List-Unsubscribe} URL that RFC 8058's
	 * one-click POST goes to.
	 */
	String unsubscribe(CampaignId campaign, ContactId contact) {
		return this.base + "/u/" + campaign + "/" + contact + "/" + sign(UNSUBSCRIBE, campaign, contact, "");
	}

	/**
	 * Whether the signature is the one this link was made with (compared in constant
	 * time).
	 * @param url the click's target, or {@code ""} for the other kinds
	 */
	boolean verify(String kind, CampaignId campaign, ContactId contact, String url, String signature) {
		byte[] expected = sign(kind, campaign, contact, url).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The campaign and contact of a link's path segments, if both are ids.
	 */
	static Optional<Ids> ids(String campaign, String contact) {
		try {
			return ContactId.parse(contact).map((found) -> new Ids(CampaignId.parse(campaign), found));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private String sign(String kind, CampaignId campaign, ContactId contact, String url) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			byte[] signature = mac
				.doFinal((kind + "|" + campaign + "|" + contact + "|" + url).getBytes(StandardCharsets.UTF_8));
			// 128 bits are plenty against forgery and keep the links short
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(signature, 16));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
		}
	}

	private byte[] key() {
		byte[] current = this.key;
		if (current == null) {
			current = this.jdbc.sql("select secret from campaigns_link_key where id = 1")
				.query(byte[].class)
				.optional()
				.orElseGet(this::create);
			this.key = current;
		}
		return current;
	}

	private byte[] create() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		try {
			this.jdbc.sql("insert into campaigns_link_key (id, secret, created_at) values (1, ?, ?)")
				.params(secret, Timestamps.utc(this.clock.instant()))
				.update();
			return secret;
		}
		catch (DuplicateKeyException ex) {
			// another node created it first
			return this.jdbc.sql("select secret from campaigns_link_key where id = 1").query(byte[].class).single();
		}
	}

	record Ids(CampaignId campaign, ContactId contact) {
	}

}
