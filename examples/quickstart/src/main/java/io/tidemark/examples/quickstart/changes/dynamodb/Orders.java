package io.tidemark.examples.quickstart.changes.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The names the DynamoDB change units share: the orders table, its attributes and its index. */
public final class Orders {

    /** The table. */
    public static final String TABLE = "orders";
    /** Partition key (S). */
    public static final String ORDER_ID = "orderId";
    /** The customer who placed the order (S). */
    public static final String CUSTOMER_ID = "customerId";
    /** When the order was placed, ISO-8601 (S); sorts by time. */
    public static final String PLACED_AT = "placedAt";
    /** Order total in cents (N). */
    public static final String TOTAL_CENTS = "totalCents";
    /** The month the order was placed in, {@code yyyy-MM} (S), derived by a later change. */
    public static final String PLACED_MONTH = "placedMonth";
    /** Fulfilment status (S), added by a later change. */
    public static final String STATUS = "status";
    /** Global secondary index: orders of one customer, newest last. */
    public static final String BY_CUSTOMER_INDEX = "byCustomer";

    private Orders() {}

    /** One order item. */
    static Map<String, AttributeValue> order(String orderId, String customerId, String placedAt, long totalCents) {
        return Map.of(
                ORDER_ID,
                AttributeValue.fromS(orderId),
                CUSTOMER_ID,
                AttributeValue.fromS(customerId),
                PLACED_AT,
                AttributeValue.fromS(placedAt),
                TOTAL_CENTS,
                AttributeValue.fromN(Long.toString(totalCents)));
    }
}
