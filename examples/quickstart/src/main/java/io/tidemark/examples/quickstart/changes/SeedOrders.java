package io.tidemark.examples.quickstart.changes;

import io.tidemark.adapter.dynamodb.DynamoDbChangeTransaction;
import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

/**
 * Seeds a few orders. It is a <em>transactional</em> change unit: it takes a
 * {@link DynamoDbChangeTransaction} and adds its puts there, so Tidemark commits them in one
 * {@code TransactWriteItems} together with this change's {@code APPLIED} audit record. If anything
 * fails, neither the orders nor the record exist, and the next start simply runs it again.
 */
@ChangeUnit(id = "seed-orders", order = "2", author = "quickstart", description = "six sample orders")
public class SeedOrders {

    @Execution
    public void seed(DynamoDbChangeTransaction transaction, ChangeContext context) {
        transaction.put(Orders.TABLE, Orders.order("o-1001", "c-ada", "2026-03-01T09:12:00Z", 4_250));
        transaction.put(Orders.TABLE, Orders.order("o-1002", "c-ada", "2026-03-02T17:40:00Z", 1_999));
        transaction.put(Orders.TABLE, Orders.order("o-1003", "c-grace", "2026-03-02T08:05:00Z", 12_000));
        transaction.put(Orders.TABLE, Orders.order("o-1004", "c-linus", "2026-03-03T11:30:00Z", 650));
        transaction.put(Orders.TABLE, Orders.order("o-1005", "c-grace", "2026-03-04T19:55:00Z", 3_100));
        transaction.put(Orders.TABLE, Orders.order("o-1006", "c-ada", "2026-03-05T07:45:00Z", 899));
        context.putMetadata("orders", Integer.toString(transaction.size()));
    }
}
