package io.tidemark.adapter.dynamodb.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Captures every {@code TransactWriteItems} request a client sends, as the SDK request object the
 * adapter built, and replaces DynamoDB's answer to it with one of the answers DynamoDB documents:
 * success ({@code 200 {}}) or a {@code TransactionCanceledException} with one cancellation reason
 * per item. Every other operation passes through untouched.
 *
 * <p>For unit-level tests against dynalite, which lacks {@code TransactWriteItems} (it answers
 * {@code UnknownOperationException}): the request still goes over HTTP to a real server, the SDK
 * still parses the answer as in production, and the test sees exactly what the adapter would ask
 * DynamoDB to commit. Whether DynamoDB then commits it is proven against moto and AWS.
 */
public final class TransactWriteItemsCapture implements ExecutionInterceptor {

    private static final String OPERATION = "TransactWriteItems";

    private final List<TransactWriteItemsRequest> requests = new ArrayList<>();
    private final List<String> cancellationCodes;

    /** Answers every transaction as committed. */
    public static TransactWriteItemsCapture answeringSuccess() {
        return new TransactWriteItemsCapture(null);
    }

    /**
     * Answers every transaction as cancelled, with {@code codes} as the cancellation reasons in
     * item order ({@code None} for an item that did not fail).
     */
    public static TransactWriteItemsCapture answeringCancelled(String... codes) {
        return new TransactWriteItemsCapture(List.of(codes));
    }

    private TransactWriteItemsCapture(List<String> cancellationCodes) {
        this.cancellationCodes = cancellationCodes;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest request) {
            synchronized (requests) {
                requests.add(request);
            }
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!isTransaction(attributes)) {
            return context.httpResponse();
        }
        boolean cancelled = cancellationCodes != null;
        SdkHttpResponse.Builder response = context.httpResponse().toBuilder()
                .statusCode(cancelled ? 400 : 200)
                .removeHeader("x-amz-crc32")
                .removeHeader("x-amzn-ErrorType");
        return cancelled
                ? response.putHeader("x-amzn-ErrorType", "TransactionCanceledException")
                        .build()
                : response.build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
            Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!isTransaction(attributes)) {
            return context.responseBody();
        }
        List<String> codes = cancellationCodes;
        String body = codes == null
                ? "{}"
                : "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                        + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + codes + "\",\"CancellationReasons\":["
                        + codes.stream().map(TransactWriteItemsCapture::reason).collect(Collectors.joining(",")) + "]}";
        return Optional.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String reason(String code) {
        return "None".equals(code)
                ? "{\"Code\":\"None\"}"
                : "{\"Code\":\"" + code + "\",\"Message\":\"injected by the test: " + code + "\"}";
    }

    private static boolean isTransaction(ExecutionAttributes attributes) {
        return OPERATION.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /** The {@code TransactWriteItems} requests sent so far, in order. */
    public List<TransactWriteItemsRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }
}
