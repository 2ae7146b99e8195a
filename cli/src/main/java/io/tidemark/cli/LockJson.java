package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.spi.Lease;
import java.time.Instant;

/** A lease as JSON. */
final class LockJson {

    private LockJson() {}

    static ObjectNode toJson(Lease lease, Instant now) {
        return RecordJson.MAPPER
                .createObjectNode()
                .put("key", lease.key())
                .put("owner", lease.owner())
                .put("expiresAt", lease.expiresAt().toString())
                .put("token", lease.token())
                .put("expired", !lease.isActiveAt(now));
    }
}
