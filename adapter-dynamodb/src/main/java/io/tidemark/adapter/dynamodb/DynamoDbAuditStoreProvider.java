package io.tidemark.adapter.dynamodb;

import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStoreProvider;
import io.tidemark.spi.support.ConfigurationProblems;
import io.tidemark.spi.support.Secrets;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Creates a {@link DynamoDbAuditStore} from configuration: {@code tidemark.store=dynamodb} (or this
 * adapter alone on the class path) plus the keys below, from system properties, environment
 * variables ({@code TIDEMARK_DYNAMODB_ENDPOINT}, ...) or {@code tidemark.properties}. The store
 * owns the client it builds here and closes it.
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@value #ENDPOINT}</td><td>endpoint override, e.g. {@code http://localhost:4567} for a local emulator such as dynalite</td><td>the AWS endpoint of the region</td></tr>
 *   <tr><td>{@value #REGION}</td><td>AWS region</td><td>{@code AWS_REGION}/{@code aws.region}/profile; {@code us-east-1} with an endpoint override</td></tr>
 *   <tr><td>{@value #TABLE_PREFIX}</td><td>put in front of both table names</td><td>none</td></tr>
 *   <tr><td>{@value #AUDIT_TABLE}</td><td>audit table name (before the prefix)</td><td>{@code tidemark_audit}</td></tr>
 *   <tr><td>{@value #LOCK_TABLE}</td><td>lock table name (before the prefix)</td><td>{@code tidemark_lock}</td></tr>
 *   <tr><td>{@value #BILLING_MODE}</td><td>{@code on-demand} or {@code provisioned}, for tables Tidemark creates</td><td>{@code on-demand}</td></tr>
 *   <tr><td>{@value #READ_CAPACITY}</td><td>read capacity units; required with {@code provisioned}</td><td>none</td></tr>
 *   <tr><td>{@value #WRITE_CAPACITY}</td><td>write capacity units; required with {@code provisioned}</td><td>none</td></tr>
 *   <tr><td>{@value #AUTO_CREATE}</td><td>create missing tables ({@code true}) or only verify them</td><td>{@code true}</td></tr>
 *   <tr><td>{@value #PAGE_SIZE}</td><td>records per history {@code Query} page, 1 to 1000</td><td>100</td></tr>
 * </table>
 *
 * <p><b>Credentials</b> never come from Tidemark's own keys, so they never sit next to them in a
 * properties file:
 * <ul>
 *   <li>without an endpoint override, the AWS SDK's default credentials chain (system properties,
 *       environment, web identity, profile, container and instance roles) finds them, as for any
 *       AWS application;</li>
 *   <li>with an endpoint override (an emulator such as dynalite or moto, a test container),
 *       credentials come from system properties, the environment or the AWS profile when one has
 *       them, and otherwise from static placeholder credentials, which emulators accept. Container and instance-role lookups
 *       are skipped there, so that a local run never probes the instance metadata service. For a
 *       real AWS endpoint override that needs a role, build the client in code and pass it to
 *       {@link DynamoDbAuditStore#builder}.</li>
 * </ul>
 *
 * <p>The client built here uses the SDK's standard retry mode (3 attempts) and a 10 s timeout per
 * attempt (30 s per call), so an unreachable endpoint fails in seconds with a
 * {@code StoreUnavailableException}. Creating the store makes no request.
 *
 * <p>Every problem with the keys is reported at once, in one {@code ConfigurationException}, each
 * with the value found and an example of a right one: an endpoint that is not an http or https URL
 * with a host (such as {@code localhost:8000} without its scheme) never surfaces as a
 * {@code URISyntaxException} or an SDK error. Before any key is read, the AWS SDK modules on the
 * class path are checked to be of one version (see the adapter's README).
 *
 * <p>There is no key for eventually consistent reads: reads are always strongly consistent, as the
 * ports require.
 */
public final class DynamoDbAuditStoreProvider implements AuditStoreProvider {

    /** Endpoint override. */
    public static final String ENDPOINT = "tidemark.dynamodb.endpoint";
    /** AWS region. */
    public static final String REGION = "tidemark.dynamodb.region";
    /** Prefix of both table names. */
    public static final String TABLE_PREFIX = "tidemark.dynamodb.table-prefix";
    /** Audit table name. */
    public static final String AUDIT_TABLE = "tidemark.dynamodb.audit-table";
    /** Lock table name. */
    public static final String LOCK_TABLE = "tidemark.dynamodb.lock-table";
    /** {@code on-demand} or {@code provisioned}. */
    public static final String BILLING_MODE = "tidemark.dynamodb.billing-mode";
    /** Read capacity units for provisioned billing. */
    public static final String READ_CAPACITY = "tidemark.dynamodb.read-capacity";
    /** Write capacity units for provisioned billing. */
    public static final String WRITE_CAPACITY = "tidemark.dynamodb.write-capacity";
    /** Whether missing tables are created. */
    public static final String AUTO_CREATE = "tidemark.dynamodb.auto-create";
    /** Records per history page. */
    public static final String PAGE_SIZE = "tidemark.dynamodb.page-size";

    /** The access key id of the placeholder credentials used with an endpoint override when none are configured. */
    static final String PLACEHOLDER_KEY_ID = "tidemarklocal";

    private static final Logger log = LoggerFactory.getLogger(DynamoDbAuditStoreProvider.class);
    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]{2,40}");
    private static final String ON_DEMAND = "on-demand";
    private static final String PROVISIONED = "provisioned";

    /** The provider {@link java.util.ServiceLoader} instantiates; it holds no state. */
    public DynamoDbAuditStoreProvider() {}

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public Set<String> keys() {
        return Set.of(
                ENDPOINT,
                REGION,
                TABLE_PREFIX,
                AUDIT_TABLE,
                LOCK_TABLE,
                BILLING_MODE,
                READ_CAPACITY,
                WRITE_CAPACITY,
                AUTO_CREATE,
                PAGE_SIZE);
    }

    /**
     * As {@link #create(TidemarkConfig, Clock)} on the system clock.
     *
     * @param config where the keys are read from
     * @return a store that owns its client
     */
    public DynamoDbAuditStore create(TidemarkConfig config) {
        return create(config, Clock.systemUTC());
    }

    /**
     * A DynamoDB audit store from {@code config}, with the lock service taking time from {@code clock}.
     *
     * @throws ConfigurationException naming every invalid or missing key at once
     */
    @Override
    public DynamoDbAuditStore create(TidemarkConfig config, Clock clock) {
        DynamoDbRequests.checkSdkVersions();
        ConfigurationProblems problems = new ConfigurationProblems();
        Optional<URI> endpoint = problems.read(
                ENDPOINT,
                () -> config.get(ENDPOINT).map(value -> {
                    try {
                        return endpoint(value);
                    } catch (ConfigurationException malformed) {
                        throw new ConfigurationException(malformed.getMessage()
                                + " Leave the key out to use the AWS endpoint " + "of the region.");
                    }
                }));
        Optional<String> regionName =
                problems.read(REGION, () -> config.get(REGION).map(DynamoDbAuditStoreProvider::regionName));
        Optional<String> prefix = config.get(TABLE_PREFIX);
        Optional<String> auditTable = config.get(AUDIT_TABLE);
        Optional<String> lockTable = config.get(LOCK_TABLE);
        Optional<String> billingMode =
                problems.read(BILLING_MODE, () -> config.getChoice(BILLING_MODE, List.of(ON_DEMAND, PROVISIONED)));
        Optional<Long> readCapacity = problems.read(READ_CAPACITY, () -> config.getLong(READ_CAPACITY));
        Optional<Long> writeCapacity = problems.read(WRITE_CAPACITY, () -> config.getLong(WRITE_CAPACITY));
        Optional<Boolean> autoCreate = problems.read(AUTO_CREATE, () -> config.getBoolean(AUTO_CREATE));
        Optional<Long> pageSize = problems.read(PAGE_SIZE, () -> config.getLong(PAGE_SIZE));

        for (String problem : DynamoDbSettings.tableNameProblems(
                prefix.orElse(""),
                auditTable.orElse(DynamoDbAuditStore.DEFAULT_AUDIT_TABLE),
                lockTable.orElse(DynamoDbAuditStore.DEFAULT_LOCK_TABLE))) {
            problems.add(
                    TABLE_PREFIX,
                    problem + " The names come from " + TABLE_PREFIX + ", " + AUDIT_TABLE + " and " + LOCK_TABLE + ".");
        }
        DynamoDbSettings.Billing billing = billing(billingMode, readCapacity, writeCapacity, config, problems);
        Optional<Region> region = regionName.map(Region::of);
        if (region.isEmpty() && problems.isFine(REGION)) {
            region = regionFromEnvironment().or(() -> endpoint.map(e -> Region.US_EAST_1));
            if (region.isEmpty() && problems.isFine(ENDPOINT)) {
                problems.add(
                        REGION,
                        "No AWS region for DynamoDB: set " + REGION + " (" + config.whereToSet(REGION)
                                + "), or AWS_REGION, or a region in the AWS profile.");
            }
        }
        if (pageSize.isPresent() && (pageSize.get() < 1 || pageSize.get() > 1000)) {
            problems.add(
                    PAGE_SIZE,
                    "Invalid configuration " + PAGE_SIZE + " = '" + pageSize.get()
                            + "': expected a number of records per page from 1 to 1000.");
        }
        problems.throwIfAny();

        DynamoDbClient client = client(endpoint, region.orElseThrow());
        try {
            DynamoDbAuditStore.Builder builder = DynamoDbAuditStore.builder(client)
                    .ownsClient(true)
                    .fromConfiguration()
                    .clock(clock)
                    .autoCreate(autoCreate.orElse(true));
            if (billing instanceof DynamoDbSettings.Provisioned provisioned) {
                builder.provisionedBilling(provisioned.readCapacityUnits(), provisioned.writeCapacityUnits());
            }
            prefix.ifPresent(builder::tablePrefix);
            auditTable.ifPresent(builder::auditTable);
            lockTable.ifPresent(builder::lockTable);
            pageSize.ifPresent(size -> builder.pageSize(size.intValue()));
            DynamoDbAuditStore store = builder.build();
            log.debug("DynamoDB audit store from configuration: {}", store.describe());
            return store;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static DynamoDbClient client(Optional<URI> endpoint, Region region) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(credentials(endpoint.isPresent()))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(Duration.ofSeconds(10))
                        .apiCallTimeout(Duration.ofSeconds(30)));
        endpoint.ifPresent(builder::endpointOverride);
        try {
            return builder.build();
        } catch (SdkException e) {
            throw new ConfigurationException(
                    "Could not build the DynamoDB client for "
                            + endpoint.map(uri -> "endpoint " + Secrets.maskUriPasswords(uri.toString()))
                                    .orElse("region " + region)
                            + ": " + e.getMessage(),
                    e);
        }
    }

    /** See the class description: the default chain, or without instance probing plus placeholders for local endpoints. */
    private static AwsCredentialsProvider credentials(boolean endpointOverride) {
        if (!endpointOverride) {
            return DefaultCredentialsProvider.builder().build();
        }
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(
                        SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(PLACEHOLDER_KEY_ID, PLACEHOLDER_KEY_ID)))
                .reuseLastProviderEnabled(true)
                .build();
    }

    private static Optional<Region> regionFromEnvironment() {
        try {
            return Optional.of(
                    new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                            .getRegion());
        } catch (SdkException | IllegalStateException noRegion) {
            return Optional.empty();
        }
    }

    private static DynamoDbSettings.Billing billing(
            Optional<String> mode,
            Optional<Long> read,
            Optional<Long> write,
            TidemarkConfig config,
            ConfigurationProblems problems) {
        if (mode.isPresent() && mode.get().equals(PROVISIONED)) {
            if (read.isEmpty() && problems.isFine(READ_CAPACITY)) {
                problems.add(
                        READ_CAPACITY,
                        "Missing configuration " + READ_CAPACITY + ": " + BILLING_MODE + " = provisioned needs read "
                                + "capacity units (" + config.whereToSet(READ_CAPACITY) + ").");
            }
            if (write.isEmpty() && problems.isFine(WRITE_CAPACITY)) {
                problems.add(
                        WRITE_CAPACITY,
                        "Missing configuration " + WRITE_CAPACITY + ": " + BILLING_MODE + " = provisioned needs "
                                + "write capacity units (" + config.whereToSet(WRITE_CAPACITY) + ").");
            }
            positive(READ_CAPACITY, read, problems);
            positive(WRITE_CAPACITY, write, problems);
            if (read.isPresent() && write.isPresent() && read.get() >= 1 && write.get() >= 1) {
                return new DynamoDbSettings.Provisioned(read.get(), write.get());
            }
            return new DynamoDbSettings.OnDemand();
        }
        if (problems.isFine(BILLING_MODE)) {
            for (String key : List.of(READ_CAPACITY, WRITE_CAPACITY)) {
                if (config.get(key).isPresent() && problems.isFine(key)) {
                    problems.add(
                            key,
                            "Configuration " + key + " is set but " + BILLING_MODE + " is "
                                    + mode.orElse(ON_DEMAND + " (the default)")
                                    + ": capacity units apply only to provisioned "
                                    + "billing. Set " + BILLING_MODE + "=provisioned, or remove " + key + ".");
                }
            }
        }
        return new DynamoDbSettings.OnDemand();
    }

    private static void positive(String key, Optional<Long> value, ConfigurationProblems problems) {
        if (value.isPresent() && value.get() < 1) {
            problems.add(
                    key,
                    "Invalid configuration " + key + " = '" + value.get() + "': expected at least 1 capacity unit.");
        }
    }

    /**
     * {@code value} as the endpoint {@value #ENDPOINT} accepts: an http or https URL with a host, a
     * port from 1 to 65535 if any, and neither query nor fragment (the SDK would append request paths
     * after them). The one rule for an endpoint, shared by every program that reads this key (the
     * quickstart checks its own endpoint with it), so that a malformed one gets the same message
     * everywhere, never a {@code URISyntaxException}.
     *
     * @param value the endpoint as configured, such as {@code http://localhost:8000}
     * @return the endpoint
     * @throws ConfigurationException naming the key, the value (secrets masked), what is wrong with it
     *     and an example of a right one
     */
    public static URI endpoint(String value) {
        String shown = Secrets.display(ENDPOINT, value);
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException malformed) {
            throw invalidEndpoint(
                    shown,
                    "this value is not a valid URL: " + malformed.getReason() + " at index " + malformed.getIndex());
        }
        if (uri.getScheme() == null || uri.isOpaque()) {
            throw invalidEndpoint(shown, "this value has no http:// or https:// in front");
        }
        if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
            throw invalidEndpoint(shown, "this value's scheme is '" + uri.getScheme() + "'");
        }
        if (uri.getHost() == null) {
            throw invalidEndpoint(shown, "this value has no host name, or a port that is not a number");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw invalidEndpoint(shown, "this value's port " + uri.getPort() + " is not between 1 and 65535");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalidEndpoint(shown, "this value has a query or a fragment, which an endpoint cannot have");
        }
        return uri;
    }

    private static ConfigurationException invalidEndpoint(String shown, String why) {
        return new ConfigurationException("Invalid configuration " + ENDPOINT + " = '" + shown + "': expected an http "
                + "or https URL with a host, such as http://localhost:8000 for a local DynamoDB or "
                + "https://dynamodb.eu-west-1.amazonaws.com (" + why + ").");
    }

    private static String regionName(String value) {
        if (!REGION_NAME.matcher(value).matches()) {
            throw new ConfigurationException("Invalid configuration " + REGION + " = '" + value
                    + "': expected an AWS region name such as eu-west-1.");
        }
        return value;
    }
}
