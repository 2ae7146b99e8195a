package com.example.shop;

import com.mongodb.client.MongoClient;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;

/** What the shop runs at start-up: its change units, once per environment, audited in its own MongoDB. */
public final class ShopMigrations {

    /** The package of the shop's change units. */
    public static final String CHANGES = "com.example.shop.changes";

    private ShopMigrations() {}

    /** Runs what is pending against the database {@code databaseName}, which also keeps the audit log. */
    public static RunReport migrate(MongoClient client, String databaseName) {
        return Tidemark.builder()
                .auditStore(MongoAuditStore.builder(client, databaseName).build())
                .scanPackage(CHANGES)
                .dependency(Catalog.class, new MongoCatalog(client.getDatabase(databaseName)))
                .build()
                .run();
    }
}
