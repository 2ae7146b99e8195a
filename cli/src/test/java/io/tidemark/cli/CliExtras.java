package io.tidemark.cli;

import io.tidemark.tck.BackendFixture;
import java.util.List;
import java.util.Map;

/**
 * What the command-line tests need of a backend beyond its {@link BackendFixture}: a configuration
 * naming tables (or collections) that do not exist, and a look, with the backend's own client, at
 * what exists for a configuration, to prove that read-only commands create nothing. One small class
 * per backend builds it on that backend's fixture.
 */
interface CliExtras {

    /**
     * Configuration of a store on the fixture's server whose tables or collections do not exist (a
     * table prefix, database or collection no one used), as a typo in an operator's config file gives.
     */
    Map<String, String> withoutTables();

    /** The name the store configured by {@code config} reports missing. */
    String missingName(Map<String, String> config);

    /**
     * What the server holds for {@code config}, read with the backend's own client: its tables,
     * collections, or documents under its key prefix. Empty when nothing was ever created there.
     */
    List<String> storedFor(Map<String, String> config);

    /**
     * The fixture's {@linkplain BackendFixture#unreachableConfiguration() unreachable configuration},
     * carrying the secret {@value #SECRET} where the backend takes one (none on DynamoDB, whose
     * configuration holds no secret), so that tests can check that no message prints it.
     */
    Map<String, String> unreachableWithSecret();

    /** The password put into {@link #unreachableWithSecret()}. */
    String SECRET = "hunter2";
}
