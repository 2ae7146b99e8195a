package io.tidemark.examples.quickstart.changes.mongodb;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** The names the MongoDB change units share: the orders collection, its fields and its index. */
public final class Orders {

    /** The collection. */
    public static final String COLLECTION = "orders";
    /** The order id, used as {@code _id} (string). */
    public static final String ORDER_ID = "_id";
    /** The customer who placed the order (string). */
    public static final String CUSTOMER_ID = "customerId";
    /** When the order was placed (date). */
    public static final String PLACED_AT = "placedAt";
    /** Order total in cents (64-bit integer). */
    public static final String TOTAL_CENTS = "totalCents";
    /** Fulfilment status (string), added by a later change. */
    public static final String STATUS = "status";
    /** Index on customerId + placedAt: orders of one customer, oldest first. */
    public static final String BY_CUSTOMER_INDEX = "byCustomer";

    private Orders() {}

    /** One order document. */
    static Document order(String orderId, String customerId, String placedAt, long totalCents) {
        return new Document(ORDER_ID, orderId)
                .append(CUSTOMER_ID, customerId)
                .append(PLACED_AT, Date.from(Instant.parse(placedAt)))
                .append(TOTAL_CENTS, totalCents);
    }
}
