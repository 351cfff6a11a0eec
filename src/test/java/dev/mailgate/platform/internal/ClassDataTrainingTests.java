package dev.mailgate.platform.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class data sharing training writes its archive only once the JIT compilers are
 * idle: JDK 17 keeps a method's "queued for compilation" mark in a dynamic archive, and
 * every start that maps it then leaves that method interpreted (JDK-8306460).
 */
class ClassDataTrainingTests {

	@Test
	void compileQueuesWithATaskQueuedOrInProgressAreNotIdle() {
		assertThat(ClassDataTraining.idle("""
				Current compiles:
				C2 CompilerThread0  1488 %     4       Q::main @ 77 (124 bytes)

				C1 compile queue:
				Empty

				C2 compile queue:
				Empty

				""")).isFalse();
		assertThat(ClassDataTraining.idle("""
				Current compiles:

				C1 compile queue:
				1463       2       java.lang.invoke.MethodHandleNatives::linkCallSite (66 bytes)

				C2 compile queue:
				Empty
				""")).isFalse();
		assertThat(ClassDataTraining.idle("""
				Current compiles:

				C1 compile queue:
				Empty

				C2 compile queue:
				1437       4       java.util.HashMap::put (13 bytes)
				""")).isFalse();
	}

	@Test
	void compileQueuesWithNothingQueuedOrInProgressAreIdle() {
		assertThat(ClassDataTraining.idle("""
				Current compiles:

				C1 compile queue:
				Empty

				C2 compile queue:
				Empty

				""")).isTrue();
	}

	@Test
	void compilersOfThisJvmGoIdleOnceNothingRuns() {
		// the real Compiler.queue of the running JVM, read as the training reads it
		assertThat(ClassDataTraining.awaitIdleCompilers(Duration.ofSeconds(30))).isTrue();
	}

}
