package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.support.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The one class that sends the store's requests: every call on the {@link DynamoDbClient} is made
 * inside {@link #run} or {@link #once}, and every failure is handled the same way:
 *
 * <ol>
 *   <li>run the request (a function of the client; it catches its own expected conditional
 *       failures and returns values for them);</li>
 *   <li>({@link #run} only) table missing ({@code ResourceNotFoundException}): the
 *       {@link DynamoDbSchema} creates it and the request runs once more (auto-create on), or a
 *       {@code ConfigurationException} names it (off);</li>
 *   <li>({@link #run} only) request rejected as invalid ({@code ValidationException}): the schema
 *       checks the table's key schema and says what was expected and found;</li>
 *   <li>any other SDK exception: translated by {@link DynamoDbFailures}; anything that is not an
 *       SDK exception passes through unchanged.</li>
 * </ol>
 *
 * <p>When created it also checks that the AWS SDK modules on the class path are of one version
 * ({@link #checkSdkVersions()}), so that a mixed SDK is reported before the first request fails
 * with a {@code NoSuchFieldError}.
 */
final class DynamoDbRequests {

    private final DynamoDbClient client;
    private final DynamoDbFailures failures;
    private final DynamoDbSchema schema;

    /**
     * @param client   the client every request is sent with
     * @param settings the store's options (tables, billing, auto-create)
     * @throws ConfigurationException when the AWS SDK modules are of mixed versions
     */
    DynamoDbRequests(DynamoDbClient client, DynamoDbSettings settings) {
        checkSdkVersions();
        this.client = client;
        this.failures = new DynamoDbFailures(settings.endpointDescription().orElseGet(() -> endpointOf(client)));
        this.schema = new DynamoDbSchema(this, settings);
    }

    /** The tables of the store, created and checked with this runner's requests. */
    DynamoDbSchema schema() {
        return schema;
    }

    /** Where the store's DynamoDB is, as messages name it: "endpoint http://... (region x)" or "region x". */
    String endpoint() {
        return failures.endpoint();
    }

    /** The result of {@code request}, which does {@code action} on {@code table}; see the class description. */
    <T> T run(DynamoDbSchema.Table table, String action, Function<DynamoDbClient, T> request) {
        try {
            return request.apply(client);
        } catch (ResourceNotFoundException missing) {
            schema.recoverMissing(table);
            return once(table, action, request);
        } catch (RuntimeException failure) {
            if (failure instanceof SdkException sdk && "ValidationException".equals(DynamoDbFailures.errorCode(sdk))) {
                Optional<String> wrongKeys = schema.wrongKeySchema(table);
                if (wrongKeys.isPresent()) {
                    throw new ConfigurationException(wrongKeys.get(), sdk);
                }
            }
            throw failures.translate(failure, action, table.name());
        }
    }

    /**
     * The result of {@code request}, with SDK exceptions translated and nothing else: for the
     * schema's own requests, which must not recover from a missing table by creating it.
     */
    <T> T once(DynamoDbSchema.Table table, String action, Function<DynamoDbClient, T> request) {
        try {
            return request.apply(client);
        } catch (RuntimeException failure) {
            throw failures.translate(failure, action, table.name());
        }
    }

    /** Closes the client; for stores that own it. */
    void closeClient() {
        client.close();
    }

    /** "endpoint http://localhost:8000 (region us-east-1)" or "region eu-west-1", without secrets. */
    static String endpointOf(DynamoDbClient client) {
        try {
            DynamoDbServiceClientConfiguration configuration = client.serviceClientConfiguration();
            String region = configuration.region() == null
                    ? "default"
                    : configuration.region().id();
            return configuration
                    .endpointOverride()
                    .map(uri -> "endpoint " + Secrets.maskUriPasswords(uri.toString()) + " (region " + region + ")")
                    .orElse("region " + region);
        } catch (RuntimeException notReported) {
            return "(endpoint not reported by the DynamoDbClient)";
        }
    }

    /**
     * Checks that the AWS SDK modules on the class (or module) path are of one version; see
     * {@link SdkVersions}. Cheap after the first call.
     *
     * @throws ConfigurationException naming the versions found and how to align them
     */
    static void checkSdkVersions() {
        SdkVersions.VERDICT.ifPresent(problem -> {
            throw new ConfigurationException(problem);
        });
    }

    /**
     * Whether the AWS SDK modules the adapter runs on are of one version. A build that imports
     * {@code tidemark-bom} and also depends on a library bringing an older AWS SDK can end up with,
     * say, {@code dynamodb} and {@code sdk-core} 2.54 next to {@code utils} 2.20; the first request
     * then fails deep inside the SDK with {@code NoSuchFieldError: USER_COUNTRY} or a
     * {@code NoSuchMethodError}, which says nothing about the cause.
     *
     * <p>Each module's version is read from the {@code META-INF/maven/software.amazon.awssdk/<module>/pom.properties}
     * its jar carries, found through the class loader (every copy of it, so that two jars of one
     * module are caught as well). The SDK's {@code VersionInfo.SDK_VERSION} cannot serve: it is a
     * compile-time constant, so it gives the version Tidemark was compiled against, not the one
     * running. A module whose jar carries no such file (a shaded or repackaged jar) is left out
     * of the comparison rather than guessed at; a module that is not there at all (an HTTP client
     * the application does not use) is simply not compared.
     */
    static final class SdkVersions {

        /** The Maven group of the AWS SDK for Java v2. */
        static final String GROUP = "software.amazon.awssdk";

        /**
         * The SDK modules the adapter runs on (the {@code dynamodb} client and everything it brings),
         * plus the SDK's HTTP clients, any of which may be the one the client uses.
         */
        static final List<String> MODULES = List.of(
                "dynamodb",
                "aws-core",
                "sdk-core",
                "utils",
                "utils-lite",
                "regions",
                "auth",
                "http-client-spi",
                "http-auth",
                "http-auth-spi",
                "http-auth-aws",
                "http-auth-aws-eventstream",
                "eventstream",
                "identity-spi",
                "profiles",
                "protocol-core",
                "aws-json-protocol",
                "json-utils",
                "third-party-jackson-core",
                "metrics-spi",
                "endpoints-spi",
                "retries",
                "retries-spi",
                "checksums",
                "checksums-spi",
                "annotations",
                "apache5-client",
                "apache-client",
                "url-connection-client",
                "netty-nio-client",
                "aws-crt-client");

        /** Where the build records the SDK version the adapter was built and tested with. */
        static final String BUILD_PROPERTIES = "aws-sdk.properties";

        private static final Logger log = LoggerFactory.getLogger(SdkVersions.class);

        /** The problem with the SDK on this class loader, worked out once. */
        static final Optional<String> VERDICT = inspectThisClassPath();

        private SdkVersions() {}

        private static Optional<String> inspectThisClassPath() {
            Map<String, List<String>> found = found(DynamoDbClient.class.getClassLoader());
            String builtWith = builtWith();
            Optional<String> problem = mismatch(found, builtWith);
            if (problem.isEmpty()) {
                log.debug("AWS SDK modules found: {} (the DynamoDB adapter is built with {})", found, builtWith);
            }
            return problem;
        }

        /** The version the adapter was built and tested with, as the build recorded it; "unknown" if it cannot be read. */
        static String builtWith() {
            try (InputStream in = SdkVersions.class.getResourceAsStream(BUILD_PROPERTIES)) {
                if (in == null) {
                    return "unknown";
                }
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }

        /** The versions of each of {@link #MODULES} that {@code loader} sees, one per copy; modules without any left out. */
        static Map<String, List<String>> found(ClassLoader loader) {
            Map<String, List<String>> found = new LinkedHashMap<>();
            for (String module : MODULES) {
                List<String> versions = new ArrayList<>();
                try {
                    Enumeration<URL> copies =
                            loader.getResources("META-INF/maven/" + GROUP + "/" + module + "/pom.properties");
                    while (copies.hasMoreElements()) {
                        versionIn(copies.nextElement()).ifPresent(versions::add);
                    }
                } catch (IOException unreadable) {
                    log.debug("Could not look for the version of AWS SDK module {}", module, unreadable);
                }
                if (!versions.isEmpty()) {
                    found.put(module, versions);
                }
            }
            return found;
        }

        private static Optional<String> versionIn(URL pomProperties) {
            try (InputStream in = pomProperties.openStream()) {
                Properties properties = new Properties();
                properties.load(in);
                return Optional.ofNullable(properties.getProperty("version")).map(String::strip);
            } catch (IOException | UncheckedIOException unreadable) {
                log.debug("Could not read {}", pomProperties, unreadable);
                return Optional.empty();
            }
        }

        /**
         * Raises the {@link ConfigurationException} for {@code found} (module to the versions of its
         * copies) when its modules are not all at one version; see {@link #mismatch}.
         */
        static void requireOneVersion(Map<String, List<String>> found, String builtWith) {
            mismatch(found, builtWith).ifPresent(problem -> {
                throw new ConfigurationException(problem);
            });
        }

        /**
         * The problem with {@code found} (module to the versions of its copies), or empty when every
         * module is at one version. The message names each version with its modules, and the fix.
         *
         * @param builtWith the version the adapter was built and tested with, for the fix
         */
        static Optional<String> mismatch(Map<String, List<String>> found, String builtWith) {
            Map<String, List<String>> modulesByVersion = new TreeMap<>();
            found.forEach((module, versions) -> versions.stream()
                    .distinct()
                    .forEach(version -> modulesByVersion
                            .computeIfAbsent(version, v -> new ArrayList<>())
                            .add(module)));
            if (modulesByVersion.size() < 2) {
                return Optional.empty();
            }
            String versions = modulesByVersion.entrySet().stream()
                    .map(entry -> entry.getKey() + " (" + named(entry.getValue()) + ")")
                    .collect(Collectors.joining(" and "));
            return Optional.of("The AWS SDK for Java modules on the class path are of different versions: " + versions
                    + ". Tidemark's DynamoDB adapter needs every " + GROUP + " module at one version (it is built "
                    + "and tested with " + builtWith
                    + "); mixed versions fail at the first request with errors such as "
                    + "NoSuchFieldError or NoSuchMethodError. Another dependency most likely brings the other version. "
                    + "Fix: import the AWS SDK's BOM at one version beside Tidemark's, in Maven's <dependencyManagement> "
                    + "next to io.tidemark:tidemark-bom: <dependency><groupId>" + GROUP + "</groupId><artifactId>bom"
                    + "</artifactId><version>" + builtWith + "</version><type>pom</type><scope>import</scope>"
                    + "</dependency> (Gradle: implementation(platform(\"" + GROUP + ":bom:" + builtWith + "\"))), "
                    + "then check with 'mvn dependency:tree -Dincludes=" + GROUP + "' that one version is left.");
        }

        /** "dynamodb, sdk-core", or "dynamodb, aws-core, sdk-core, utils and 20 more" for long lists. */
        private static String named(List<String> modules) {
            int shown = 4;
            if (modules.size() <= shown + 1) {
                return String.join(", ", modules);
            }
            return String.join(", ", modules.subList(0, shown)) + " and " + (modules.size() - shown) + " more";
        }
    }
}
