package dev.mailgate.platform.internal;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.jackson.JacksonMixinModuleEntries;
import org.springframework.stereotype.Component;

/**
 * Spares every start Spring Boot's search for {@code @JacksonMixin} classes. Mailgate has
 * none, but the search cannot use the component index (the annotation is not
 * {@code @Indexed}), so it read every class file of the application again: about 0.1 s of
 * each start (docs/benchmarks.md, "Launch to healthy"). The entries become an empty set;
 * {@code NoJacksonMixinScanTests} fails when a {@code @JacksonMixin} class is added, so
 * that this class goes with it.
 */
@Component
class NoJacksonMixinScan implements BeanDefinitionRegistryPostProcessor {

	/**
	 * The name of Spring Boot's {@code JacksonMixinModuleEntries} bean.
	 */
	static final String ENTRIES = "jacksonMixinModuleEntries";

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (registry.containsBeanDefinition(ENTRIES)) {
			// removed first: the context refuses to override a definition in place
			registry.removeBeanDefinition(ENTRIES);
			registry.registerBeanDefinition(ENTRIES, new RootBeanDefinition(JacksonMixinModuleEntries.class,
					() -> JacksonMixinModuleEntries.create((entries) -> {
					})));
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

}
