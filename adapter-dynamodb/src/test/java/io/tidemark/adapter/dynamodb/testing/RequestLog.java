package io.tidemark.adapter.dynamodb.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the DynamoDB operation name of every request a client sends ({@code Query},
 * {@code DescribeTable}, ...), retries included. Register it with
 * {@code overrideConfiguration(o -> o.addExecutionInterceptor(log))}.
 */
public final class RequestLog implements ExecutionInterceptor {

    private final List<String> operations = new ArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        synchronized (operations) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    /** The operations sent so far, in order. */
    public List<String> operations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }

    /** Forgets what was recorded. */
    public void clear() {
        synchronized (operations) {
            operations.clear();
        }
    }
}
