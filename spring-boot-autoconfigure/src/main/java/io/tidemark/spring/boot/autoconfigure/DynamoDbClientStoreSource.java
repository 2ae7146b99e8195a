package io.tidemark.spring.boot.autoconfigure;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStore;
import io.tidemark.adapter.dynamodb.DynamoDbAuditStoreProvider;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB store around the application's {@link DynamoDbClient} bean: tables, billing,
 * {@code auto-create} and page size come from the adapter's keys; endpoint, region and credentials are
 * the client's.
 */
final class DynamoDbClientStoreSource implements ClientStoreSource {

    private static final String PROVISIONED = "provisioned";

    private final ObjectProvider<DynamoDbClient> clients;

    DynamoDbClientStoreSource(ObjectProvider<DynamoDbClient> clients) {
        this.clients = clients;
    }

    @Override
    public String storeName() {
        return "dynamodb";
    }

    @Override
    public String clientType() {
        return DynamoDbClient.class.getName();
    }

    @Override
    public List<String> connectionKeys() {
        return List.of(DynamoDbAuditStoreProvider.ENDPOINT, DynamoDbAuditStoreProvider.REGION);
    }

    @Override
    public boolean hasClient() {
        return clients.getIfUnique() != null;
    }

    @Override
    public AuditStore create(TidemarkConfig config, Clock clock) {
        DynamoDbAuditStore.Builder builder =
                DynamoDbAuditStore.builder(clients.getObject()).clock(clock);
        config.get(DynamoDbAuditStoreProvider.TABLE_PREFIX).ifPresent(builder::tablePrefix);
        config.get(DynamoDbAuditStoreProvider.AUDIT_TABLE).ifPresent(builder::auditTable);
        config.get(DynamoDbAuditStoreProvider.LOCK_TABLE).ifPresent(builder::lockTable);
        config.getBoolean(DynamoDbAuditStoreProvider.AUTO_CREATE).ifPresent(builder::autoCreate);
        config.getLong(DynamoDbAuditStoreProvider.PAGE_SIZE).ifPresent(size -> builder.pageSize(Math.toIntExact(size)));
        boolean provisioned = config.getChoice(
                        DynamoDbAuditStoreProvider.BILLING_MODE, List.of("on-demand", PROVISIONED))
                .filter(PROVISIONED::equals)
                .isPresent();
        if (provisioned) {
            builder.provisionedBilling(
                    config.getLong(DynamoDbAuditStoreProvider.READ_CAPACITY)
                            .orElseThrow(() -> missingCapacity(config, DynamoDbAuditStoreProvider.READ_CAPACITY)),
                    config.getLong(DynamoDbAuditStoreProvider.WRITE_CAPACITY)
                            .orElseThrow(() -> missingCapacity(config, DynamoDbAuditStoreProvider.WRITE_CAPACITY)));
        }
        return builder.build();
    }

    private static ConfigurationException missingCapacity(TidemarkConfig config, String key) {
        return new ConfigurationException("Missing configuration " + key + " (capacity units, needed with "
                + DynamoDbAuditStoreProvider.BILLING_MODE + "=provisioned): set " + config.whereToSet(key) + ".");
    }
}
