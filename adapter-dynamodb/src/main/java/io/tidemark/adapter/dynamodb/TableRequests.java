package io.tidemark.adapter.dynamodb;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Runs the store's requests against its tables, so that every failure is handled the same way:
 *
 * <ol>
 *   <li>run the request;</li>
 *   <li>table missing ({@code ResourceNotFoundException}): create it and run the request once
 *       more (auto-create on), or raise a {@code ConfigurationException} naming it (off);</li>
 *   <li>request rejected as invalid ({@code ValidationException}): check the table's key schema
 *       and say what was expected and found;</li>
 *   <li>anything else from the SDK: translated by {@link DynamoDbFailures}.</li>
 * </ol>
 *
 * <p>Requests catch their expected conditional failures themselves and return values; only
 * unexpected SDK exceptions reach this class.
 */
final class TableRequests {

    private final TableProvisioner provisioner;
    private final DynamoDbFailures failures;

    TableRequests(TableProvisioner provisioner, DynamoDbFailures failures) {
        this.provisioner = provisioner;
        this.failures = failures;
    }

    /** The result of {@code request}, which does {@code action} on {@code table}; see the class description. */
    <T> T run(TableLayout table, String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceNotFoundException missing) {
            provisioner.recoverMissing(table);
            return runOnce(table, action, request);
        } catch (SdkException e) {
            throw translate(table, action, e);
        }
    }

    private <T> T runOnce(TableLayout table, String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw translate(table, action, e);
        }
    }

    private RuntimeException translate(TableLayout table, String action, SdkException failure) {
        if ("ValidationException".equals(DynamoDbFailures.errorCode(failure))) {
            return provisioner.explainRejection(table, failure, action);
        }
        return failures.translate(failure, action, table.name());
    }
}
