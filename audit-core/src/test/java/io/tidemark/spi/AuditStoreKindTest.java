package io.tidemark.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.memory.InMemoryAuditStore;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The kind a store reports for metric tags: a short fixed name, derived from the class unless the store says. */
class AuditStoreKindTest {

    /** Implements nothing it is asked; only its name matters here. */
    private abstract static class NameOnly implements AuditStore {
        @Override
        public void initialize() {
            throw new UnsupportedOperationException();
        }

        @Override
        public AppendResult append(AuditRecord record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExecutionHistory history() {
            throw new UnsupportedOperationException();
        }

        @Override
        public LockService lockService() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "a store at https://user:secret@example.org";
        }
    }

    private static final class CassandraAuditStore extends NameOnly {}

    private static final class RedisStore extends NameOnly {}

    private static final class AuditStore2 extends NameOnly {}

    @Test
    void theDefaultIsTheClassNameWithoutItsStoreSuffixInLowerCase() {
        assertThat(new CassandraAuditStore().kind()).isEqualTo("cassandra");
        assertThat(new RedisStore().kind()).isEqualTo("redis");
        assertThat(new AuditStore2().kind()).isEqualTo("auditstore2");
    }

    @Test
    void anAnonymousStoreIsCustomAndNothingOfItsDescriptionLeaks() {
        AuditStore anonymous = new NameOnly() {};

        assertThat(anonymous.kind()).isEqualTo("custom");
    }

    @Test
    void theInMemoryStoreIsMemoryLikeItsProviderName() {
        assertThat(new InMemoryAuditStore(Clock.systemUTC()).kind()).isEqualTo("memory");
    }
}
