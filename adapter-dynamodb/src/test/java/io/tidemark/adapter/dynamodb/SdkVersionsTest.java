package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.DynamoDbRequests.SdkVersions;
import io.tidemark.core.error.ConfigurationException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The startup check for mixed AWS SDK versions (issue 13, item 14): mismatched versions, fed in as
 * the versions the class path would report, become one message naming every version with its
 * modules and the fix; the real class path of this build passes and is what the check expects.
 */
class SdkVersionsTest {

    private static final String TESTED = "2.54.15";

    @Test
    void oneVersionEverywhereIsFine() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        found.put("dynamodb", List.of(TESTED));
        found.put("sdk-core", List.of(TESTED));
        found.put("utils", List.of(TESTED));

        assertThat(SdkVersions.mismatch(found, TESTED)).isEmpty();
    }

    @Test
    void anOlderCoreNextToANewerClientIsReportedWithBothVersionsAndTheFix() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        found.put("dynamodb", List.of("2.54.15"));
        found.put("aws-core", List.of("2.54.15"));
        found.put("sdk-core", List.of("2.20.43"));
        found.put("utils", List.of("2.20.43"));

        String problem = SdkVersions.mismatch(found, TESTED).orElseThrow();

        assertThat(problem)
                .contains("2.54.15 (dynamodb, aws-core)")
                .contains("2.20.43 (sdk-core, utils)")
                .contains("NoSuchFieldError")
                .contains("built and tested with 2.54.15")
                .contains("<groupId>software.amazon.awssdk</groupId><artifactId>bom</artifactId><version>2.54.15"
                        + "</version><type>pom</type><scope>import</scope>")
                .contains("io.tidemark:tidemark-bom")
                .contains("platform(\"software.amazon.awssdk:bom:2.54.15\")");
    }

    @Test
    void longListsOfModulesAreShortened() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (String module : List.of("dynamodb", "aws-core", "sdk-core", "regions", "auth", "profiles", "retries")) {
            found.put(module, List.of("2.54.15"));
        }
        found.put("utils", List.of("2.20.43"));

        assertThat(SdkVersions.mismatch(found, TESTED))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains("2.20.43 (utils) and 2.54.15 (dynamodb, aws-core, sdk-core, regions and 3 more)"));
    }

    @Test
    void twoCopiesOfOneModuleAtDifferentVersionsAreReported() {
        Map<String, List<String>> found = Map.of("sdk-core", List.of("2.54.15", "2.17.0"));

        assertThat(SdkVersions.mismatch(found, TESTED))
                .hasValueSatisfying(problem -> assertThat(problem).contains("2.17.0 (sdk-core)", "2.54.15 (sdk-core)"));
    }

    @Test
    void aMismatchIsAConfigurationException() {
        Map<String, List<String>> found = Map.of("dynamodb", List.of("2.54.15"), "utils", List.of("2.20.43"));

        ConfigurationException mismatch =
                catchThrowableOfType(ConfigurationException.class, () -> SdkVersions.requireOneVersion(found, TESTED));

        assertThat(mismatch.isTransient()).isFalse();
        assertThat(mismatch.getMessage()).contains("2.54.15 (dynamodb)", "2.20.43 (utils)", "software.amazon.awssdk");
    }

    @Test
    void theRealClassPathPassesTheCheckThatEveryStoreAndTheProviderRun() {
        assertThatCode(DynamoDbRequests::checkSdkVersions).doesNotThrowAnyException();
    }

    @Test
    void thisBuildsClassPathHasEverySdkModuleAtTheVersionTheAdapterIsBuiltWith() {
        Map<String, List<String>> found = SdkVersions.found(getClass().getClassLoader());
        String builtWith = SdkVersions.builtWith();

        assertThat(builtWith).matches("2\\.\\d+\\.\\d+");
        assertThat(found).containsKeys("dynamodb", "aws-core", "sdk-core", "utils", "regions", "http-client-spi");
        assertThat(found.values()).allSatisfy(versions -> assertThat(versions).containsExactly(builtWith));
        assertThat(SdkVersions.mismatch(found, builtWith)).isEmpty();
    }

    @Test
    void theReadmeNamesTheVersionTheAdapterIsBuiltWith() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readme).contains("built and tested with **AWS SDK for Java " + SdkVersions.builtWith() + "**");
    }

    /** Every AWS SDK jar the adapter brings is one the check compares: a new SDK module would be noticed here. */
    @Test
    void theCheckCoversEverySdkModuleOnTheClassPath() {
        Set<String> onClassPath = Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.replace(File.separatorChar, '/').contains("/software/amazon/awssdk/"))
                .map(entry -> new File(entry).getParentFile().getParentFile().getName())
                .collect(Collectors.toSet());

        assertThat(onClassPath).isNotEmpty();
        assertThat(SdkVersions.MODULES).containsAll(onClassPath);
    }
}
