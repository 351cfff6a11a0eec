package dev.mailgate.platform.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
 * with a bean factory that remembers its look-ups by type for longer than Spring's own.
 * <p>
 * Why: a look-up that misses the cache tests every one of the 800 bean definitions, and a
 * start makes hundreds of them.
 * <ul>
 * <li>For each of Mailgate's security filter chains, Spring Security asks for
 * {@code Customizer<…>} beans of each of 31 configurer types
 * ({@code HttpSecurityConfiguration.applyTopLevelCustomizers}). Spring does not cache a
 * look-up by <em>generic</em> type at all: those 279 identical scans were about a fifth
 * of the start-up (docs/benchmarks.md, "Launch to healthy").</li>
 * <li>Spring caches a look-up by class, but forgets it for every type a singleton is an
 * instance of each time one is created, so that a bean whose type was not known before it
 * existed is found next time. Yet the bean usually created next is the one just looked
 * up: every dependency's type was scanned again for its next user (docs/benchmarks.md,
 * "The bean factory's look-ups by type").</li>
 * </ul>
 * This factory keeps both kinds of answer once the configuration is frozen and eager
 * initialization is allowed (Spring's own rule for its cache). A new singleton makes it
 * forget only the answers the singleton changes: those for a type it is an instance of
 * that do not name it yet. Every other change to the set of beans empties the cache.
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
		return new AnnotationConfigServletWebServerApplicationContext(new LookupCachingBeanFactory());
	}

	/**
	 * Spring's bean factory, caching {@code getBeanNamesForType} by class and by generic
	 * type until a change to the beans can change the answer.
	 */
	static final class LookupCachingBeanFactory extends DefaultListableBeanFactory {

		/** Answers by {@link Class} or by {@link ResolvableType} with generics. */
		private final Map<Object, String[]> allBeanNamesByType = new ConcurrentHashMap<>();

		private final Map<Object, String[]> singletonBeanNamesByType = new ConcurrentHashMap<>();

		@Override
		public String[] getBeanNamesForType(ResolvableType type, boolean includeNonSingletons, boolean allowEagerInit) {
			Class<?> resolved = type.resolve();
			// without generics Spring asks the look-up by class below
			if (resolved == null || !type.hasGenerics() || !cacheable(resolved, allowEagerInit)) {
				return super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
			}
			return cached(type, includeNonSingletons,
					() -> super.getBeanNamesForType(type, includeNonSingletons, true));
		}

		@Override
		public String[] getBeanNamesForType(@Nullable Class<?> type, boolean includeNonSingletons,
				boolean allowEagerInit) {
			if (type == null || !cacheable(type, allowEagerInit)) {
				return super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
			}
			return cached(type, includeNonSingletons,
					() -> super.getBeanNamesForType(type, includeNonSingletons, true));
		}

		private boolean cacheable(Class<?> type, boolean allowEagerInit) {
			return allowEagerInit && isConfigurationFrozen() && ClassUtils.isCacheSafe(type, getBeanClassLoader());
		}

		private String[] cached(Object type, boolean includeNonSingletons, Supplier<String[]> lookUp) {
			Map<Object, String[]> cache = includeNonSingletons ? this.allBeanNamesByType
					: this.singletonBeanNamesByType;
			String[] names = cache.get(type);
			if (names == null) {
				names = lookUp.get();
				cache.put(type, names);
			}
			return names.clone();
		}

		@Override
		protected void addSingleton(String beanName, Object singletonObject) {
			super.addSingleton(beanName, singletonObject);
			forgetAnswersChangedBy(beanName, singletonObject, this.allBeanNamesByType);
			forgetAnswersChangedBy(beanName, singletonObject, this.singletonBeanNamesByType);
		}

		/**
		 * A singleton can only add itself to an answer: it is one more match for a type
		 * it is an instance of, where its definition did not tell that type before it
		 * existed. An answer that names it already (or its factory, {@code &name}) stays
		 * right.
		 */
		private static void forgetAnswersChangedBy(String beanName, Object singleton, Map<Object, String[]> cache) {
			String factoryName = FACTORY_BEAN_PREFIX + beanName;
			cache.entrySet().removeIf((answer) -> {
				Class<?> type = (answer.getKey() instanceof ResolvableType generic) ? generic.toClass()
						: (Class<?>) answer.getKey();
				return type.isInstance(singleton) && !names(answer.getValue(), beanName, factoryName);
			});
		}

		private static boolean names(String[] names, String beanName, String factoryName) {
			for (String name : names) {
				if (name.equals(beanName) || name.equals(factoryName)) {
					return true;
				}
			}
			return false;
		}

		@Override
		public void registerBeanDefinition(String beanName, BeanDefinition beanDefinition) {
			super.registerBeanDefinition(beanName, beanDefinition);
			forgetLookUps();
		}

		@Override
		protected void resetBeanDefinition(String beanName) {
			super.resetBeanDefinition(beanName);
			forgetLookUps();
		}

		@Override
		public void registerSingleton(String beanName, Object singletonObject) {
			super.registerSingleton(beanName, singletonObject);
			forgetLookUps();
		}

		@Override
		public void destroySingleton(String beanName) {
			super.destroySingleton(beanName);
			forgetLookUps();
		}

		@Override
		public void destroySingletons() {
			super.destroySingletons();
			forgetLookUps();
		}

		@Override
		public void clearMetadataCache() {
			super.clearMetadataCache();
			forgetLookUps();
		}

		/**
		 * Called wherever the set of beans can change other than by creating a singleton:
		 * where Spring's factory empties its by-class cache, and where a singleton is
		 * registered by hand. Removing a definition and freezing the configuration pass
		 * through {@link #resetBeanDefinition} and {@link #clearMetadataCache}.
		 */
		private void forgetLookUps() {
			this.allBeanNamesByType.clear();
			this.singletonBeanNamesByType.clear();
		}

	}

}
