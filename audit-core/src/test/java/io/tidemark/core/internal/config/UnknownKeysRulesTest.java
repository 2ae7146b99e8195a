package io.tidemark.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.internal.config.UnknownKeys.UnknownKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of {@link UnknownKeys}: which names are checked, how they compare, when a key is suggested. */
class UnknownKeysRulesTest {

    private static final KnownKeys KNOWN = KnownKeys.of(
            "tidemark.chain", "tidemark.dynamodb.endpoint", "tidemark.dynamodb.auto-create", "tidemark.store");

    private static List<UnknownKey> find(ConfigSource source) {
        return UnknownKeys.find(TidemarkConfig.of(source), KNOWN);
    }

    @Test
    void levenshteinCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(UnknownKeys.distance("ENDPOINT", "ENDPOINT")).isZero();
        assertThat(UnknownKeys.distance("ENDPONT", "ENDPOINT")).isEqualTo(1);
        assertThat(UnknownKeys.distance("CHIAN", "CHAIN")).isEqualTo(2);
        assertThat(UnknownKeys.distance("KITTEN", "SITTING")).isEqualTo(3);
        assertThat(UnknownKeys.distance("", "ABC")).isEqualTo(3);
    }

    @Test
    void theIssuesExampleGetsItsSuggestion() {
        assertThat(find(ConfigSource.of("file", Map.of("tidemark.dynamodb.endpont", "http://localhost:8000"))))
                .containsExactly(
                        new UnknownKey("tidemark.dynamodb.endpont", "file", Optional.of("tidemark.dynamodb.endpoint")));
    }

    /**
     * A key of an adapter Tidemark ships ({@code tidemark.mongodb.*}) while that adapter is not on the
     * class path is no typing error: the fix is the artifact, not the DynamoDB key a few edits away
     * ({@code tidemark.mongodb.auto-create} is 4 edits from {@code tidemark.dynamodb.auto-create}).
     */
    @Test
    void aKeyOfAShippedAdapterThatIsNotOnTheClassPathNamesTheArtifactNotAnotherAdaptersKey() {
        TidemarkConfig config = TidemarkConfig.of(
                ConfigSource.of("config file prod.properties", Map.of("tidemark.mongodb.auto-create", "false")),
                ConfigSource.environment(Map.of("TIDEMARK_COUCHBASE_PAGE_SIZE", "50")));

        List<UnknownKey> unknown = UnknownKeys.find(config, KNOWN);

        assertThat(unknown).extracting(UnknownKey::suggestion).containsOnly(Optional.empty());
        assertThat(unknown.get(0).describe())
                .contains(
                        "tidemark.mongodb.auto-create (config file prod.properties)",
                        "mongodb adapter",
                        "not on the class path",
                        "add io.tidemark:tidemark-adapter-mongodb")
                .doesNotContain("tidemark.dynamodb", "part of Tidemark reads it");
        assertThat(unknown.get(1).refusal())
                .contains(
                        "TIDEMARK_COUCHBASE_PAGE_SIZE (environment variable)",
                        "add io.tidemark:tidemark-adapter-couchbase")
                .doesNotContain("tidemark.dynamodb");
    }

    @Test
    void aKeyOfAnAdapterOnTheClassPathIsCheckedAgainstItsKeysAsUsual() {
        assertThat(find(ConfigSource.of("file", Map.of("tidemark.dynamodb.auto-creat", "false"))))
                .containsExactly(new UnknownKey(
                        "tidemark.dynamodb.auto-creat", "file", Optional.of("tidemark.dynamodb.auto-create")));
    }

    @Test
    void onlyNamesStartingWithTidemarkInTheirNormalisedFormAreChecked() {
        assertThat(find(ConfigSource.of(
                        "file", Map.of("java.home", "x", "tidemarkish", "y", "spring.tidemark.x", "z"))))
                .isEmpty();
        assertThat(find(ConfigSource.environment(Map.of("TIDEMARKER", "x", "MY_TIDEMARK_STORE", "y"))))
                .isEmpty();
    }

    @Test
    void environmentVariablesMatchTheVariableNameOfAKnownKeyAndNothingElse() {
        assertThat(find(ConfigSource.environment(Map.of("TIDEMARK_DYNAMODB_AUTO_CREATE", "false"))))
                .isEmpty();
        assertThat(find(ConfigSource.environment(Map.of("tidemark.store", "mongodb"))))
                .extracting(UnknownKey::suggestion)
                .containsExactly(Optional.of("TIDEMARK_STORE (tidemark.store)"));
    }

    @Test
    void aSuggestionNeedsAtMostThreeEditsOrAThirdOfTheName() {
        // "tidemark.stores-all" is 5 edits from tidemark.store, a third of "STORES_ALL" is 3: too far.
        assertThat(find(ConfigSource.of("file", Map.of("tidemark.stores-all", "x"))))
                .singleElement()
                .extracting(UnknownKey::suggestion)
                .isEqualTo(Optional.empty());
        // "tidemark.dynamodb.endpoint-url" is 4 edits from the endpoint, a third of 21 characters is 7: close.
        assertThat(find(ConfigSource.of("file", Map.of("tidemark.dynamodb.endpoint-url", "x"))))
                .singleElement()
                .extracting(UnknownKey::suggestion)
                .isEqualTo(Optional.of("tidemark.dynamodb.endpoint"));
    }

    @Test
    void aSourceThatCannotListItsNamesIsNotChecked() {
        ConfigSource opaque = new ConfigSource("command line option", key -> "x", key -> key);

        assertThat(find(opaque)).isEmpty();
    }

    @Test
    void theCoreDeclaresEveryConstantOfTidemarkKeys() {
        assertThat(new CoreKeys().keys())
                .contains(
                        Tidemark.Keys.CHAIN,
                        Tidemark.Keys.STORE,
                        Tidemark.Keys.INSTANCE_ID,
                        Tidemark.Keys.LOCK_TIMEOUT,
                        Tidemark.Keys.LEASE_DURATION);
    }

    @Test
    void theCoresKeysAreKnownWhateverTheClassLoaderFinds() {
        KnownKeys known = KnownKeys.collect(new ClassLoader(null) {}, List.of());

        assertThat(known.keys()).contains(Tidemark.Keys.CHAIN, Tidemark.Keys.STORE);
    }
}
