package io.tidemark.adapter.dynamodb.testing;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Tests against real Amazon DynamoDB, which cost money and need an account, run only when asked
 * for: with {@value #VARIABLE}{@code =1} in the environment, and AWS credentials and a region that
 * the SDK's default chains find (environment, system properties, profile, container or instance
 * role). Otherwise the test class is skipped, saying which of them is missing.
 *
 * <p>Use it next to {@code @EnabledIfEnvironmentVariable(named = "TIDEMARK_IT_AWS", matches = "1")}:
 * that annotation keeps the class off without any lookup, and this condition then checks the
 * credentials. Tests create their tables under a {@link #uniqueTablePrefix()} and delete them
 * afterwards.
 */
public final class AwsOptIn implements ExecutionCondition {

    /** The environment variable that opts into tests against AWS. */
    public static final String VARIABLE = "TIDEMARK_IT_AWS";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"1".equals(System.getenv(VARIABLE))) {
            return ConditionEvaluationResult.disabled(VARIABLE + " is not 1: tests against AWS DynamoDB are opt-in");
        }
        Optional<String> missing = missingSetting();
        return missing.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("AWS credentials and region found"));
    }

    private static Optional<String> missingSetting() {
        try (DefaultCredentialsProvider credentials =
                DefaultCredentialsProvider.builder().build()) {
            credentials.resolveCredentials();
        } catch (SdkClientException | IllegalStateException e) {
            return Optional.of(VARIABLE + "=1 but no AWS credentials were found (" + e.getMessage() + "); set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE");
        }
        try {
            new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Optional.of(VARIABLE + "=1 but no AWS region was found; set AWS_REGION");
        }
        return Optional.empty();
    }

    /** A client of AWS DynamoDB with the default credentials and region. */
    public static DynamoDbClient client() {
        AwsCredentialsProvider credentials =
                DefaultCredentialsProvider.builder().build();
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        return DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .build();
    }

    /** {@code tidemark_it_<8 random hex digits>_}: a table-name prefix no other run uses. */
    public static String uniqueTablePrefix() {
        return "tidemark_it_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_";
    }

    /**
     * Deletes every table whose name starts with {@code prefix} and waits until each is gone, so
     * that an opted-in run leaves nothing behind in the account.
     */
    public static void deleteTables(DynamoDbClient client, String prefix) {
        List<String> names = client.listTablesPaginator().tableNames().stream()
                .filter(name -> name.startsWith(prefix))
                .toList();
        for (String name : names) {
            client.deleteTable(d -> d.tableName(name));
        }
        for (String name : names) {
            client.waiter().waitUntilTableNotExists(d -> d.tableName(name));
        }
    }
}
