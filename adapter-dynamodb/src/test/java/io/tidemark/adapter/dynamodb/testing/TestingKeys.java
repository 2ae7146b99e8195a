package io.tidemark.adapter.dynamodb.testing;

import io.tidemark.core.ConfigurationKeys;
import java.util.Set;

/**
 * The {@code tidemark.*} names this testing package reads, declared so that a Tidemark built where
 * it is on the class path (the adapter's tests, the quickstart, the integration tests) does not
 * report them as unknown keys: {@value DynaliteServer#HOME_PROPERTY} (a system property), and the
 * environment variables {@value DynaliteServer#NODE_VARIABLE} and {@value AwsOptIn#VARIABLE}, in
 * their property form.
 */
public final class TestingKeys implements ConfigurationKeys {

    /** The service {@link java.util.ServiceLoader} instantiates; it holds no state. */
    public TestingKeys() {}

    @Override
    public Set<String> keys() {
        return Set.of(DynaliteServer.HOME_PROPERTY, "tidemark.node", "tidemark.it.aws");
    }
}
