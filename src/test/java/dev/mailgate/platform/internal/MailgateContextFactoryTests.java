package dev.mailgate.platform.internal;

import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.mailgate.platform.internal.MailgateContextFactory.LookupCachingBeanFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bean factory Mailgate starts in answers look-ups by type exactly as Spring's own
 * does, remembering them until a change to the beans can change the answer.
 */
class MailgateContextFactoryTests {

	private static final ResolvableType CONSUMER_OF_STRING = ResolvableType.forClassWithGenerics(Consumer.class,
			String.class);

	@Test
	void servesTheServletWebServerContextAndLeavesOtherKindsToSpringBoot() {
		MailgateContextFactory factory = new MailgateContextFactory();

		assertThat(factory.create(WebApplicationType.SERVLET)).isInstanceOfSatisfying(
				AnnotationConfigServletWebServerApplicationContext.class,
				(context) -> assertThat(context.getBeanFactory()).isInstanceOf(LookupCachingBeanFactory.class));
		assertThat(factory.create(WebApplicationType.NONE)).isNull();
		assertThat(factory.create(WebApplicationType.REACTIVE)).isNull();
	}

	@Test
	void findsTheSameBeansByGenericTypeAsSpringsOwnFactory() {
		DefaultListableBeanFactory plain = withBeans(new DefaultListableBeanFactory());
		LookupCachingBeanFactory caching = withBeans(new LookupCachingBeanFactory());

		for (ResolvableType type : new ResolvableType[] { CONSUMER_OF_STRING,
				ResolvableType.forClassWithGenerics(Consumer.class, Integer.class),
				ResolvableType.forClassWithGenerics(Supplier.class, String.class),
				ResolvableType.forClass(Consumer.class) }) {
			for (int i = 0; i < 2; i++) { // the second time from the cache
				assertThat(caching.getBeanNamesForType(type, true, true))
					.containsExactly(plain.getBeanNamesForType(type, true, true));
				assertThat(caching.getBeanNamesForType(type, false, true))
					.containsExactly(plain.getBeanNamesForType(type, false, true));
			}
		}
		assertThat(caching.getBeanNamesForType(CONSUMER_OF_STRING, true, true)).containsExactly("stringConsumer",
				"prototypeStringConsumer");
		assertThat(caching.getBeanNamesForType(CONSUMER_OF_STRING, false, true)).containsExactly("stringConsumer");
	}

	@Test
	void findsTheSameBeansByClassAsSpringsOwnFactory() {
		DefaultListableBeanFactory plain = withBeans(new DefaultListableBeanFactory());
		LookupCachingBeanFactory caching = withBeans(new LookupCachingBeanFactory());

		for (Class<?> type : new Class<?>[] { Consumer.class, Supplier.class, Object.class }) {
			for (int i = 0; i < 2; i++) { // the second time from the cache
				assertThat(caching.getBeanNamesForType(type, true, true))
					.containsExactly(plain.getBeanNamesForType(type, true, true));
				assertThat(caching.getBeanNamesForType(type, false, true))
					.containsExactly(plain.getBeanNamesForType(type, false, true));
				assertThat(caching.getBeanNamesForType(type, true, false))
					.containsExactly(plain.getBeanNamesForType(type, true, false));
			}
		}
	}

	@Test
	void creatingTheBeanALookUpFoundDoesNotMakeTheNextLookUpTestEveryBeanAgain() {
		PredictionCounter plainCounter = new PredictionCounter();
		DefaultListableBeanFactory plain = withRunnableAndBystander(new DefaultListableBeanFactory(), plainCounter);
		PredictionCounter cachingCounter = new PredictionCounter();
		LookupCachingBeanFactory caching = withRunnableAndBystander(new LookupCachingBeanFactory(), cachingCounter);

		assertThat(predictionsOfTheSecondLookUp(plain, plainCounter)).isPositive();
		assertThat(predictionsOfTheSecondLookUp(caching, cachingCounter)).isZero();
	}

	/**
	 * How often the second of two look-ups of {@code Runnable}, around the creation of
	 * the one it finds, asks for the bystander's type. Spring's own factory forgets the
	 * answer when "task" is created, and tests every bean again.
	 */
	private static int predictionsOfTheSecondLookUp(DefaultListableBeanFactory factory, PredictionCounter counter) {
		assertThat(factory.getBeanNamesForType(Runnable.class)).containsExactly("task");
		factory.getBean("task");
		int before = counter.predictions;
		assertThat(factory.getBeanNamesForType(Runnable.class)).containsExactly("task");
		return counter.predictions - before;
	}

	@Test
	void aBeanWhoseTypeWasUnknownUntilItWasCreatedIsFoundOnceItExists() {
		LookupCachingBeanFactory factory = new LookupCachingBeanFactory();
		RootBeanDefinition untyped = new RootBeanDefinition(Object.class);
		untyped.setInstanceSupplier(Task::new); // the definition says Object, the bean is
												// a Runnable
		factory.registerBeanDefinition("untypedTask", untyped);
		factory.freezeConfiguration();
		assertThat(factory.getBeanNamesForType(Runnable.class)).isEmpty();

		factory.getBean("untypedTask");

		assertThat(factory.getBeanNamesForType(Runnable.class)).containsExactly("untypedTask");
	}

	@Test
	void aBeanAddedAfterALookUpIsFoundByTheNextOne() {
		LookupCachingBeanFactory factory = withBeans(new LookupCachingBeanFactory());
		assertThat(factory.getBeanNamesForType(CONSUMER_OF_STRING, false, true)).containsExactly("stringConsumer");

		factory.registerBeanDefinition("anotherStringConsumer", consumerOf(String.class));
		assertThat(factory.getBeanNamesForType(CONSUMER_OF_STRING, false, true)).containsExactly("stringConsumer",
				"anotherStringConsumer");

		factory.freezeConfiguration();
		factory.getBeanNamesForType(CONSUMER_OF_STRING);
		factory.registerSingleton("registeredStringConsumer", new StringConsumer());
		assertThat(factory.getBeanNamesForType(CONSUMER_OF_STRING)).contains("registeredStringConsumer");

		factory.removeBeanDefinition("anotherStringConsumer");
		assertThat(factory.getBeanNamesForType(CONSUMER_OF_STRING)).doesNotContain("anotherStringConsumer");
	}

	@Test
	void aCallerChangingTheAnswerDoesNotChangeTheNextOne() {
		LookupCachingBeanFactory factory = withBeans(new LookupCachingBeanFactory());

		factory.getBeanNamesForType(CONSUMER_OF_STRING, false, true)[0] = "changed";

		assertThat(factory.getBeanNamesForType(CONSUMER_OF_STRING, false, true)).containsExactly("stringConsumer");
	}

	private static <F extends DefaultListableBeanFactory> F withRunnableAndBystander(F factory,
			PredictionCounter counter) {
		RootBeanDefinition task = new RootBeanDefinition(Task.class);
		task.setInstanceSupplier(Task::new);
		factory.registerBeanDefinition("task", task);
		RootBeanDefinition bystander = new RootBeanDefinition(StringConsumer.class);
		bystander.setLazyInit(true);
		factory.registerBeanDefinition("bystander", bystander);
		factory.addBeanPostProcessor(counter);
		factory.freezeConfiguration();
		return factory;
	}

	private static <F extends DefaultListableBeanFactory> F withBeans(F factory) {
		factory.registerBeanDefinition("stringConsumer", consumerOf(String.class));
		factory.registerBeanDefinition("integerConsumer", consumerOf(Integer.class));
		RootBeanDefinition prototype = consumerOf(String.class);
		prototype.setScope(RootBeanDefinition.SCOPE_PROTOTYPE);
		factory.registerBeanDefinition("prototypeStringConsumer", prototype);
		factory.freezeConfiguration();
		return factory;
	}

	private static RootBeanDefinition consumerOf(Class<?> type) {
		RootBeanDefinition definition = new RootBeanDefinition(Consumer.class);
		definition.setTargetType(ResolvableType.forClassWithGenerics(Consumer.class, type));
		definition.setInstanceSupplier(() -> (Consumer<Object>) (value) -> {
		});
		return definition;
	}

	/** Counts the times a look-up asked for the type of a bean not created yet. */
	static final class PredictionCounter implements SmartInstantiationAwareBeanPostProcessor {

		int predictions;

		@Override
		public @Nullable Class<?> predictBeanType(Class<?> beanClass, String beanName) {
			if (beanName.equals("bystander")) {
				this.predictions++;
			}
			return null;
		}

	}

	static final class Task implements Runnable {

		@Override
		public void run() {
		}

	}

	static final class StringConsumer implements Consumer<String> {

		@Override
		public void accept(String value) {
		}

	}

}
