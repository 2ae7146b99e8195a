package io.tidemark.test;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets fixture test classes (some fail on purpose) run only when a kit test launches them through
 * the JUnit engine with {@value #PARAMETER}{@code =true}, never when an IDE or the build discovers them.
 */
final class FixtureGate implements ExecutionCondition {

    static final String PARAMETER = "tidemark.kit.fixtures";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER)
                        .filter("true"::equals)
                        .isPresent()
                ? ConditionEvaluationResult.enabled("launched by a kit test")
                : ConditionEvaluationResult.disabled("a fixture of the kit's own tests");
    }
}
