package dev.mailgate.integrations.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Finds a provider's endpoints from its issuer: the OpenID configuration (OpenID Connect
 * Discovery 1.0 §4) or the authorization server metadata (RFC 8414 §3), at the well-known
 * addresses each defines, in that order.
 * <p>
 * Written on {@link ProviderHttp} rather than with Spring Security's
 * {@code ClientRegistrations.fromIssuerLocation}: that one follows redirects, waits 30
 * seconds, and drops what Mailgate needs ({@code revocation_endpoint}, RFC 9207's
 * {@code iss} support, the PKCE methods), and its errors do not tell an operator what to
 * fix.
 */
@Component
class ProviderDiscovery {

	private static final String OPENID = "/.well-known/openid-configuration";

	private static final String OAUTH = "/.well-known/oauth-authorization-server";

	private static final int MAX_DOCUMENT = 512 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ProviderHttp http;

	private final ProviderUrls urls;

	ProviderDiscovery(ProviderHttp http, ProviderUrls urls) {
		this.http = http;
		this.urls = urls;
	}

	/**
	 * @param issuer the issuer identifier as the operator typed it
	 * @throws DiscoveryFailed saying what went wrong
	 */
	DiscoveredProvider discover(String issuer) {
		String typed = issuer.strip();
		this.urls.problem(typed).ifPresent((problem) -> {
			throw new DiscoveryFailed(problem);
		});
		URI uri = URI.create(typed);
		if (uri.getRawQuery() != null) {
			throw new DiscoveryFailed("An issuer has no ?query part (RFC 8414 §2).");
		}
		List<String> answers = new ArrayList<>();
		for (Candidate candidate : candidates(uri)) {
			Fetched fetched = fetch(candidate.url());
			if (fetched.status() == 200) {
				return new ProviderMetadata(this.urls).check(typed, candidate.openId(), document(candidate, fetched));
			}
			answers.add("%s answered %d".formatted(candidate.url(), fetched.status()));
		}
		throw new DiscoveryFailed("No discovery document found for %s (%s). Check the issuer URL, or enter the "
			.formatted(typed, String.join("; ", answers)) + "endpoints by hand.");
	}

	/**
	 * OpenID's address appends the well-known path to the issuer; RFC 8414 §3.1 inserts
	 * it between host and path, and some OpenID providers do the same.
	 */
	static List<Candidate> candidates(URI issuer) {
		String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
		String path = (issuer.getRawPath() != null) ? issuer.getRawPath().replaceAll("/+$", "") : "";
		if (path.isEmpty()) {
			return List.of(new Candidate(origin + OPENID, true), new Candidate(origin + OAUTH, false));
		}
		return List.of(new Candidate(origin + path + OPENID, true), new Candidate(origin + OAUTH + path, false),
				new Candidate(origin + OPENID + path, true));
	}

	private Fetched fetch(String url) {
		try {
			return this.http.client()
				.get()
				.uri(URI.create(url))
				.accept(MediaType.APPLICATION_JSON)
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					return new Fetched(status, (status == 200) ? read(response.getBody()) : "");
				});
		}
		catch (RestClientException ex) {
			throw new DiscoveryFailed("Could not reach %s: %s. Check the issuer URL and that the provider is up."
				.formatted(url, reason(ex)));
		}
	}

	private static Map<String, Object> document(Candidate candidate, Fetched fetched) {
		try {
			Map<String, Object> document = JSON.readValue(fetched.body(),
					JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
			if (document == null) {
				throw new DiscoveryFailed("%s is empty.".formatted(candidate.url()));
			}
			return document;
		}
		catch (JacksonException ex) {
			throw new DiscoveryFailed("%s is not a JSON discovery document.".formatted(candidate.url()));
		}
	}

	private static String read(InputStream body) throws IOException {
		byte[] bytes = body.readNBytes(MAX_DOCUMENT + 1);
		if (bytes.length > MAX_DOCUMENT) {
			throw new IOException("document larger than %d bytes".formatted(MAX_DOCUMENT));
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String reason(RestClientException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof java.net.http.HttpTimeoutException) {
			return "no answer in time";
		}
		if (cause instanceof java.net.ConnectException) {
			return "connection refused";
		}
		if (cause instanceof javax.net.ssl.SSLException) {
			return "its TLS certificate was not accepted";
		}
		if (cause instanceof java.nio.channels.UnresolvedAddressException
				|| cause instanceof java.net.UnknownHostException) {
			return "no such host";
		}
		return "a network error (" + cause.getClass().getSimpleName() + ")";
	}

	record Candidate(String url, boolean openId) {
	}

	private record Fetched(int status, String body) {
	}

}
