package dev.mailgate.integrations.internal;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client for calling providers (their token, revocation and API endpoints):
 * bounded connect and read times, no redirects followed, and a User-Agent that says who
 * calls. Its JSON is Jackson's default, not the API's snake_case: providers name their
 * fields their own way (HubSpot's {@code firstname}, LinkedIn's {@code lifecycleState}).
 */
@Component
class ProviderHttp {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private final SingletonSupplier<RestClient> client;

	ProviderHttp(IntegrationsProperties properties, @Value("${mailgate.data.dir:data}") String dataDirectory) {
		// built on first use: the JDK's HTTP client loads the default trust store (about
		// 0.1 s), which a node that never calls a provider should not spend on its start
		this.client = SingletonSupplier.of(() -> build(properties, dataDirectory));
	}

	private static RestClient build(IntegrationsProperties properties, String dataDirectory) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(CONNECT_TIMEOUT)
			.followRedirects(HttpClient.Redirect.NEVER)
			// no h2c upgrade attempts on plain-HTTP providers (loopback tests, a local
			// Mailgate): the first POST to a new host lost its answer's body that way
			.version(HttpClient.Version.HTTP_1_1);
		if (properties.allowLoopback()) {
			// another Mailgate on this machine presents the self-signed certificate
			LoopbackTrust.of(Path.of(dataDirectory)).ifPresent(builder::sslContext);
		}
		HttpClient http = builder.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(READ_TIMEOUT);
		return RestClient.builder()
			.requestFactory(requests)
			.defaultHeader(HttpHeaders.USER_AGENT, "Mailgate (integrations)")
			.build();
	}

	RestClient client() {
		return this.client.obtain();
	}

}
