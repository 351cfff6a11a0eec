package dev.mailgate.support;

import java.nio.file.Files;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

class ChromiumCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER)) {
			return ConditionEvaluationResult.enabled("Chromium is installed");
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			return ConditionEvaluationResult.enabled("CI must run the browser tests, but Chromium is missing");
		}
		String message = "SKIPPED: " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
				+ " is missing - install them with .ci/services (CI runs these tests)";
		System.err.println("[WARNING] " + context.getDisplayName() + ": " + message);
		return ConditionEvaluationResult.disabled(message);
	}

}
