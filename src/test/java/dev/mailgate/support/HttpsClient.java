package dev.mailgate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of the running server over real HTTPS, trusting only the certificate Mailgate
 * created in its data directory, and keeping cookies like a browser, so that tests see
 * what the servlet container adds (error pages, cookie attributes) and MockMvc cannot
 * show.
 */
public final class HttpsClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient client;

	private final CookieManager cookies = new CookieManager();

	private final String base;

	public HttpsClient(Path dataDirectory, int port) {
		this.base = "https://localhost:" + port;
		this.client = HttpClient.newBuilder()
			.sslContext(trusting(certificate(dataDirectory)))
			.cookieHandler(this.cookies)
			.build();
	}

	public static Certificate certificate(Path dataDirectory) {
		try (InputStream in = Files.newInputStream(dataDirectory.resolve("tls/localhost.crt"))) {
			return CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a GET, with the given headers as name, value, name, value…
	 */
	public HttpResponse<String> get(String path, String accept, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", accept);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.GET());
	}

	/**
	 * Signs in through the real sign-in form, CSRF token included.
	 */
	public HttpResponse<String> signIn(String email, String password) {
		HttpResponse<String> form = get("/login", "text/html");
		return post("/login", "email", email, "password", password, "_csrf", csrf(form.body()));
	}

	/**
	 * Sends a form POST with the fields given as name, value, name, value…
	 */
	public HttpResponse<String> post(String path, String... fields) {
		return post(path, new String[0], fields);
	}

	/**
	 * Sends a form POST with these headers (name, value…) and fields (name, value…).
	 */
	public HttpResponse<String> post(String path, String[] headers, String... fields) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i + 1 < fields.length; i += 2) {
			body.append((i > 0) ? "&" : "").append(encode(fields[i])).append('=').append(encode(fields[i + 1]));
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded");
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	/**
	 * @return the CSRF token of the first form on the page
	 */
	public static String csrf(String page) {
		Matcher token = CSRF.matcher(page);
		if (!token.find()) {
			throw new IllegalStateException("The page has no CSRF token");
		}
		return token.group(1);
	}

	/**
	 * @return the cookie of this name that the client holds, as a browser would send it
	 */
	public Optional<HttpCookie> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.findFirst();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A TLS context that trusts Mailgate's certificate in this data directory, and
	 * nothing else.
	 */
	public static SSLContext trusting(Path dataDirectory) {
		return trusting(certificate(dataDirectory));
	}

	private static SSLContext trusting(Certificate certificate) {
		try {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			trusted.setCertificateEntry("mailgate", certificate);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext tls = SSLContext.getInstance("TLS");
			tls.init(null, trust.getTrustManagers(), null);
			return tls;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
