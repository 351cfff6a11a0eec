package dev.mailgate.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

class PostgresCondition implements ExecutionCondition {

	private static volatile Boolean reachable;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (reachable == null) {
			reachable = TestDatabase.postgresqlReachable();
		}
		if (reachable) {
			return ConditionEvaluationResult.enabled("PostgreSQL is reachable at " + TestDatabase.POSTGRES_URL);
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			return ConditionEvaluationResult
				.enabled("CI must run the PostgreSQL tests, but " + TestDatabase.POSTGRES_URL + " is not reachable");
		}
		String message = "SKIPPED: PostgreSQL is not reachable at " + TestDatabase.POSTGRES_URL
				+ " - start it with .ci/services (CI runs these tests)";
		System.err.println("[WARNING] " + context.getDisplayName() + ": " + message);
		return ConditionEvaluationResult.disabled(message);
	}

}
