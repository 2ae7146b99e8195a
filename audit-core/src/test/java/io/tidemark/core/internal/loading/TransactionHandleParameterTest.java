package io.tidemark.core.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.TransactionSupport;
import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Only a parameter of exactly the store's transaction handle type makes a change transactional; a
 * supertype (an interface the handle implements, {@code Object}) does not, since the change could
 * then not know it was given a transaction.
 */
class TransactionHandleParameterTest {

    /** Stands for an adapter's handle, which implements common interfaces (as a MongoDB ClientSession is Closeable). */
    static final class Handle implements Closeable {
        @Override
        public void close() {}
    }

    record HandleSupport() implements TransactionSupport<Handle> {
        @Override
        public Class<Handle> handleType() {
            return Handle.class;
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }

        @Override
        public Transaction<Handle> begin() {
            throw new UnsupportedOperationException("validation never begins a transaction");
        }
    }

    @ChangeUnit(id = "takes-closeable", order = "1")
    static class TakesCloseable {
        @Execution
        void apply(Closeable resource) {}
    }

    @ChangeUnit(id = "takes-handle", order = "2")
    static class TakesHandle {
        @Execution
        void apply(Handle handle) {}
    }

    private static ChangeSetLoader loader(Dependencies dependencies) {
        return new ChangeSetLoader(
                dependencies,
                Optional.of(new HandleSupport()),
                "test store",
                TransactionHandleParameterTest.class.getClassLoader());
    }

    @Test
    void aSupertypeOfTheHandleIsAnOrdinaryDependency() {
        Dependencies dependencies = new Dependencies();
        Closeable registered = () -> {};
        dependencies.register(Closeable.class, registered);

        ChangeSet set = loader(dependencies).load(List.of(TakesCloseable.class), List.of());

        ChangeDefinition change = set.changes().get(0);
        assertThat(change.isTransactional()).isFalse();
        assertThat(change.executionArgs()).containsExactly(new ParameterSlot.Dependency(registered));
    }

    @Test
    void aSupertypeOfTheHandleWithNothingRegisteredNamesTheExactHandleType() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> loader(new Dependencies()).load(List.of(TakesCloseable.class), List.of()));

        assertThat(error).isNotNull();
        assertThat(error.getMessage())
                .contains(
                        "java.io.Closeable",
                        "nothing supplies it",
                        "declare the parameter as " + Handle.class.getName());
    }

    @Test
    void theExactHandleTypeMakesTheChangeTransactional() {
        ChangeSet set = loader(new Dependencies()).load(List.of(TakesHandle.class), List.of());

        assertThat(set.changes().get(0).isTransactional()).isTrue();
    }
}
