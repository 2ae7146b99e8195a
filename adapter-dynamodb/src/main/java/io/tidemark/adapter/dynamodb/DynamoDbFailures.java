package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.error.TidemarkException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The one place where AWS SDK exceptions become Tidemark exceptions, so that none escapes the
 * adapter; {@link DynamoDbRequests} applies it once to every request. Conditional-check failures
 * never get here: requests turn them into values (a sequence conflict, a lock held by someone else)
 * where they happen.
 *
 * <p>Only the SDK's exceptions ({@link SdkException} and its subclasses) are translated. Anything
 * else passes through unchanged: a Tidemark exception raised on purpose inside a request (an
 * unreadable record, a rejected transaction), and above all a bug in Tidemark (a
 * {@code NullPointerException}, an {@code IllegalStateException}), which must surface as itself and
 * never as "store unavailable, retry later".
 *
 * <ul>
 *   <li>throttling ({@code ProvisionedThroughputExceededException}, {@code RequestLimitExceeded},
 *       {@code ThrottlingException}, ...), server errors (5xx), and failures to reach the endpoint
 *       at all ({@code SdkClientException}: connection refused, timeouts) become
 *       {@link StoreUnavailableException}: retrying later may help;</li>
 *   <li>refused credentials or permissions, missing tables and requests DynamoDB rejects as
 *       invalid become {@link ConfigurationException}: something must change first.</li>
 * </ul>
 *
 * <p>Every message names the endpoint (or region) and the table, and never a credential.
 */
final class DynamoDbFailures {

    private static final Set<String> THROTTLING = Set.of(
            "ProvisionedThroughputExceededException",
            "RequestLimitExceeded",
            "RequestLimitExceededException",
            "ThrottlingException",
            "Throttling",
            "TooManyRequestsException",
            "LimitExceededException");
    /** Service faults, and conflicts with a transaction in flight on the same item: retrying later may help. */
    private static final Set<String> UNAVAILABLE = Set.of(
            "InternalServerError",
            "InternalFailure",
            "ServiceUnavailable",
            "ServiceUnavailableException",
            "TransactionConflictException",
            "TransactionInProgressException");

    private static final Set<String> REFUSED_CREDENTIALS = Set.of(
            "UnrecognizedClientException",
            "AccessDeniedException",
            "InvalidSignatureException",
            "MissingAuthenticationTokenException",
            "ExpiredTokenException",
            "IncompleteSignature",
            "InvalidClientTokenId",
            "SignatureDoesNotMatch",
            "MissingAuthenticationToken");

    private final String endpoint;

    /** @param endpoint where the store's DynamoDB is, for messages: "endpoint http://... (region x)" */
    DynamoDbFailures(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Where the store's DynamoDB is, as messages name it. */
    String endpoint() {
        return endpoint;
    }

    /**
     * What to throw for {@code failure}, raised while doing {@code action} on {@code table}: the
     * Tidemark exception for an SDK exception, {@code failure} itself for anything else.
     */
    RuntimeException translate(RuntimeException failure, String action, String table) {
        return failure instanceof SdkException sdk ? translate(sdk, action, table) : failure;
    }

    /** The Tidemark exception for {@code failure}, raised while doing {@code action} on {@code table}. */
    TidemarkException translate(SdkException failure, String action, String table) {
        String code = errorCode(failure);
        String what = action + " on table '" + table + "' at DynamoDB " + endpoint;
        if (THROTTLING.contains(code)) {
            return new StoreUnavailableException(
                    "DynamoDB throttled " + what + " (" + code + "): " + reason(failure)
                            + ". Retry later; if it persists, raise the table's capacity or switch it to on-demand billing.",
                    failure);
        }
        if (REFUSED_CREDENTIALS.contains(code)) {
            return new ConfigurationException(
                    "DynamoDB refused the credentials or permissions for " + what + " ("
                            + code + "): " + reason(failure) + ". Check the AWS credentials Tidemark uses (the default "
                            + "credentials chain: environment, system properties, profile, container or instance role) and "
                            + "that they allow dynamodb:DescribeTable, CreateTable, PutItem, Query, GetItem, UpdateItem and "
                            + "TransactWriteItems on this table.",
                    failure);
        }
        if ("ResourceNotFoundException".equals(code)) {
            return new ConfigurationException(
                    "DynamoDB table '" + table + "' does not exist at " + endpoint + " (while " + action
                            + "). Create it, or turn auto-create on so that Tidemark creates it.",
                    failure);
        }
        if (failure instanceof SdkServiceException service) {
            if (service.statusCode() >= 500 || UNAVAILABLE.contains(code)) {
                return new StoreUnavailableException(
                        "DynamoDB failed " + what + " (" + describeCode(service, code) + "): " + reason(failure)
                                + ". Retry later.",
                        failure);
            }
            return new ConfigurationException(
                    "DynamoDB rejected " + what + " (" + describeCode(service, code) + "): " + reason(failure)
                            + ". Check the table names and the data the change units write.",
                    failure);
        }
        return new StoreUnavailableException(
                "Could not reach DynamoDB " + endpoint + " for " + action + " on table '"
                        + table + "': " + reason(failure) + ". Check that the endpoint is right and reachable and that "
                        + "DynamoDB is up.",
                failure);
    }

    /**
     * The AWS error code of {@code failure} (its exception class name when the response carried
     * none), or "" for client-side failures.
     */
    static String errorCode(SdkException failure) {
        if (!(failure instanceof AwsServiceException aws)) {
            return "";
        }
        if (aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null
                && !aws.awsErrorDetails().errorCode().isBlank()) {
            return aws.awsErrorDetails().errorCode();
        }
        String type = aws.getClass().getSimpleName();
        return "DynamoDbException".equals(type) || "AwsServiceException".equals(type) ? "" : type;
    }

    private static String describeCode(SdkServiceException failure, String code) {
        return code.isEmpty() ? "HTTP " + failure.statusCode() : code;
    }

    private static String reason(SdkException failure) {
        if (failure instanceof AwsServiceException aws
                && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorMessage() != null) {
            return aws.awsErrorDetails().errorMessage();
        }
        return String.valueOf(failure.getMessage());
    }
}
