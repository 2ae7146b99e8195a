package io.tidemark.adapter.dynamodb;

/**
 * How tables that Tidemark creates are billed. Applies only to tables the store creates; existing
 * tables keep whatever billing they have.
 */
public sealed interface TableBilling permits TableBilling.OnDemand, TableBilling.Provisioned {

    /** Pay per request (DynamoDB's {@code PAY_PER_REQUEST}): the default, and right for a log written a few times per deployment. */
    static TableBilling onDemand() {
        return new OnDemand();
    }

    /** Provisioned capacity with the given read and write capacity units (each at least 1). */
    static TableBilling provisioned(long readCapacityUnits, long writeCapacityUnits) {
        return new Provisioned(readCapacityUnits, writeCapacityUnits);
    }

    /** On-demand billing. */
    record OnDemand() implements TableBilling {
        @Override
        public String toString() {
            return "on-demand";
        }
    }

    /**
     * Provisioned billing.
     *
     * @param readCapacityUnits  read capacity units, at least 1
     * @param writeCapacityUnits write capacity units, at least 1
     */
    record Provisioned(long readCapacityUnits, long writeCapacityUnits) implements TableBilling {
        public Provisioned {
            if (readCapacityUnits < 1 || writeCapacityUnits < 1) {
                throw new IllegalArgumentException("provisioned capacity needs at least 1 read and 1 write capacity "
                        + "unit, got read " + readCapacityUnits + " and write " + writeCapacityUnits);
            }
        }

        @Override
        public String toString() {
            return "provisioned (" + readCapacityUnits + " RCU, " + writeCapacityUnits + " WCU)";
        }
    }
}
