package dev.mailgate.platform.internal;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.jackson.JacksonMixinModuleEntries;
import org.springframework.boot.jackson.JacksonMixin;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mailgate's start skips Spring Boot's search for {@code @JacksonMixin} classes, which is
 * only right while it has none.
 */
class NoJacksonMixinScanTests {

	@Test
	void mailgateDeclaresNoJsonMixinClasses() {
		ClassPathScanningCandidateComponentProvider search = new ClassPathScanningCandidateComponentProvider(false);
		search.addIncludeFilter(new AnnotationTypeFilter(JacksonMixin.class));

		assertThat(search.findCandidateComponents("dev.mailgate"))
			.as("a @JacksonMixin class needs Spring Boot's search: remove NoJacksonMixinScan")
			.isEmpty();
	}

	@Test
	void theContextGetsEmptyMixinEntriesWithoutSearching() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBeanDefinition(NoJacksonMixinScan.ENTRIES,
					new RootBeanDefinition(JacksonMixinModuleEntries.class, () -> {
						throw new AssertionError("Spring Boot's search ran");
					}));
			context.registerBean(NoJacksonMixinScan.class);
			context.refresh();

			List<Class<?>> mixins = new ArrayList<>();
			context.getBean(JacksonMixinModuleEntries.class)
				.doWithEntry(getClass().getClassLoader(), (target, mixin) -> mixins.add(mixin));
			assertThat(mixins).isEmpty();
		}
	}

}
