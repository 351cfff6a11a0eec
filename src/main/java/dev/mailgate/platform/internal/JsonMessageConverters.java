package dev.mailgate.platform.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Mailgate's API speaks JSON (DESIGN.md, "Conventions at the edges"), so Spring MVC gets
 * no XML or YAML converters. Spring registers them because JAXB and Jackson 2's YAML
 * module are on the class path (for the API documentation): every JSON answer asked each
 * of them whether it could write the object (about 2 % of an API request,
 * docs/benchmarks.md), and a client asking for {@code application/yaml} got the API in
 * YAML, written by an object mapper without Mailgate's snake_case naming. Now such a
 * request gets {@code 406}. The OpenAPI document in YAML ({@code /v3/api-docs.yaml}) is
 * written by springdoc itself and is not affected.
 */
@Configuration(proxyBeanMethods = false)
class JsonMessageConverters implements WebMvcConfigurer {

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
		converters.configureMessageConvertersList((list) -> list.removeIf(JsonMessageConverters::xmlOrYaml));
	}

	static boolean xmlOrYaml(HttpMessageConverter<?> converter) {
		return converter.getSupportedMediaTypes()
			.stream()
			.map(MediaType::getSubtype)
			.anyMatch((subtype) -> subtype.equals("xml") || subtype.endsWith("+xml") || subtype.equals("yaml"));
	}

}
