package dev.mailgate.platform.internal;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.boot.webmvc.actuate.endpoint.web.ControllerEndpointHandlerMapping;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Asks Spring MVC for the application's own endpoints before the actuator's. Spring Boot
 * orders the actuator's handler mappings first (-100), and a mapping that finds no exact
 * path tries each of its endpoints in turn, checking each one's {@code produces} media
 * types against the request's {@code Accept}: every API request and page paid for that
 * before reaching its own handler (about 5 % of an API GET, docs/benchmarks.md). The
 * application's mapping finds its paths in one look-up; the actuator's paths
 * ({@code /actuator/**}) match none of the application's patterns, so they still reach
 * the actuator, one mapping later.
 */
@Component
class ActuatorMappingsLast implements BeanPostProcessor {

	/**
	 * Right after the application's own {@code RequestMappingHandlerMapping} (0), before
	 * the static resources' catch-all.
	 */
	static final int AFTER_THE_APPLICATION = 1;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		// every mapping of the actuator's: endpoints, extra health paths, controllers
		if (bean instanceof AbstractWebMvcEndpointHandlerMapping || bean instanceof ControllerEndpointHandlerMapping) {
			((AbstractHandlerMapping) bean).setOrder(AFTER_THE_APPLICATION);
		}
		return bean;
	}

}
