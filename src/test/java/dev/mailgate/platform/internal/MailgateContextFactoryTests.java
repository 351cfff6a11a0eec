package dev.mailgate.platform.internal;

import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.mailgate.platform.internal.MailgateContextFactory.GenericLookupCachingBeanFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bean factory Mailgate starts in answers look-ups by generic type exactly as
 * Spring's own does, remembering them only while the set of beans cannot change.
 */
class MailgateContextFactoryTests {

	private static final ResolvableType CONSUMER_OF_STRING = ResolvableType.forClassWithGenerics(Consumer.class,
			String.class);

	@Test
	void servesTheServletWebServerContextAndLeavesOtherKindsToSpringBoot() {
		MailgateContextFactory factory = new MailgateContextFactory();

		assertThat(factory.create(WebApplicationType.SERVLET)).isInstanceOfSatisfying(
				AnnotationConfigServletWebServerApplicationContext.class,
				(context) -> assertThat(context.getBeanFactory()).isInstanceOf(GenericLookupCachingBeanFactory.class));
		assertThat(factory.create(WebApplicationType.NONE)).isNull();
		assertThat(factory.create(WebApplicationType.REACTIVE)).isNull();
	}

	@Test
	void findsTheSameBeansByGenericTypeAsSpringsOwnFactory() {
		DefaultListableBeanFactory plain = withBeans(new DefaultListableBeanFactory());
		GenericLookupCachingBeanFactory caching = withBeans(new GenericLookupCachingBeanFactory());

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
	void aBeanAddedAfterALookUpIsFoundByTheNextOne() {
		GenericLookupCachingBeanFactory factory = withBeans(new GenericLookupCachingBeanFactory());
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
		GenericLookupCachingBeanFactory factory = withBeans(new GenericLookupCachingBeanFactory());

		factory.getBeanNamesForType(CONSUMER_OF_STRING, false, true)[0] = "changed";

		assertThat(factory.getBeanNamesForType(CONSUMER_OF_STRING, false, true)).containsExactly("stringConsumer");
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

	static final class StringConsumer implements Consumer<String> {

		@Override
		public void accept(String value) {
		}

	}

}
