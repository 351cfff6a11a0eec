package dev.mailgate.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test only where Redis answers at {@link RedisCondition#URL}. On a developer
 * machine without it the test is skipped with a message saying so; in CI
 * ({@code CI=true}) it must run, so there a missing Redis fails the test instead.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RedisCondition.class)
public @interface RequiresRedis {

}
