package dev.mailgate.platform.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

/**
 * The application context Mailgate serves from: Spring Boot's servlet web server context,
 * with a bean factory that remembers look-ups by <em>generic</em> type once the
 * configuration is frozen, as Spring's own factory already does for look-ups by class.
 * <p>
 * Why: for each of Mailgate's security filter chains, Spring Security asks the bean
 * factory for {@code Customizer<…>} beans of each of 31 configurer types
 * ({@code HttpSecurityConfiguration.applyTopLevelCustomizers}). A look-up by generic type
 * is not cached by Spring and tests every bean definition, so those 279 identical scans
 * were about a fifth of the start-up (docs/benchmarks.md, "Launch to healthy"). The cache
 * follows Spring's rule for its by-class cache: only when the configuration is frozen and
 * eager initialization is allowed (so factory beans have told their types), and it is
 * emptied whenever the set of beans can change.
 * <p>
 * Registered in {@code META-INF/spring.factories} ahead of Spring Boot's own factory, so
 * tests that start the real server run in the same context as production.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class MailgateContextFactory implements ApplicationContextFactory {

	@Override
	public @Nullable ConfigurableApplicationContext create(WebApplicationType webApplicationType) {
		if (webApplicationType != WebApplicationType.SERVLET || AotDetector.useGeneratedArtifacts()) {
			return null; // Spring Boot's own factories decide
		}
		return new AnnotationConfigServletWebServerApplicationContext(new GenericLookupCachingBeanFactory());
	}

	/**
	 * Spring's bean factory, caching
	 * {@link #getBeanNamesForType(ResolvableType, boolean, boolean)} for generic types.
	 */
	static final class GenericLookupCachingBeanFactory extends DefaultListableBeanFactory {

		private final Map<ResolvableType, String[]> allBeanNamesByGenericType = new ConcurrentHashMap<>();

		private final Map<ResolvableType, String[]> singletonBeanNamesByGenericType = new ConcurrentHashMap<>();

		@Override
		public String[] getBeanNamesForType(ResolvableType type, boolean includeNonSingletons, boolean allowEagerInit) {
			Class<?> resolved = type.resolve();
			if (resolved == null || !type.hasGenerics() || !allowEagerInit || !isConfigurationFrozen()
					|| !ClassUtils.isCacheSafe(resolved, getBeanClassLoader())) {
				return super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
			}
			Map<ResolvableType, String[]> cache = includeNonSingletons ? this.allBeanNamesByGenericType
					: this.singletonBeanNamesByGenericType;
			String[] names = cache.get(type);
			if (names == null) {
				names = super.getBeanNamesForType(type, includeNonSingletons, true);
				cache.put(type, names);
			}
			return names.clone();
		}

		@Override
		public void registerBeanDefinition(String beanName, BeanDefinition beanDefinition) {
			super.registerBeanDefinition(beanName, beanDefinition);
			forgetGenericLookups();
		}

		@Override
		protected void resetBeanDefinition(String beanName) {
			super.resetBeanDefinition(beanName);
			forgetGenericLookups();
		}

		@Override
		public void registerSingleton(String beanName, Object singletonObject) {
			super.registerSingleton(beanName, singletonObject);
			forgetGenericLookups();
		}

		@Override
		public void destroySingleton(String beanName) {
			super.destroySingleton(beanName);
			forgetGenericLookups();
		}

		@Override
		public void destroySingletons() {
			super.destroySingletons();
			forgetGenericLookups();
		}

		@Override
		public void clearMetadataCache() {
			super.clearMetadataCache();
			forgetGenericLookups();
		}

		/**
		 * Called wherever the set of beans can change: where Spring's factory empties its
		 * by-class cache, and where it registers a singleton. Removing a definition and
		 * freezing the configuration pass through {@link #resetBeanDefinition} and
		 * {@link #clearMetadataCache}.
		 */
		private void forgetGenericLookups() {
			this.allBeanNamesByGenericType.clear();
			this.singletonBeanNamesByGenericType.clear();
		}

	}

}
