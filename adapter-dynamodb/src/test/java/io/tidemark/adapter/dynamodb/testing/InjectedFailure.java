package io.tidemark.adapter.dynamodb.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Replaces every response a client receives from a real DynamoDB with the error response DynamoDB
 * sends for {@code errorType} (status and JSON body as the service writes them), so that the SDK
 * parses it into its own exception exactly as it would in production. For failures an emulator
 * cannot be made to produce, such as throttling; the request itself still reaches the server.
 *
 * @param status    HTTP status, e.g. 400 for throttling, 500 for an internal error
 * @param errorType the DynamoDB error type, e.g. {@code ProvisionedThroughputExceededException}
 */
public record InjectedFailure(int status, String errorType) implements ExecutionInterceptor {

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return context.httpResponse().toBuilder()
                .statusCode(status)
                .removeHeader("x-amz-crc32")
                .putHeader("x-amzn-ErrorType", errorType)
                .build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
            Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + errorType
                + "\",\"message\":\"injected by the test: " + errorType + "\"}";
        return Optional.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
