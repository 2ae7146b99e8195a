package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.chain.CanonicalEncoding;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditState;
import io.tidemark.spi.AuditStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidemark plan} and {@code tidemark baseline} against mongo-java-server, with the change units
 * of the quickstart's built jar (its MongoDB package: orders 1 to 4) and of jars the test compiles,
 * handed to the command line's {@code --classpath} only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanAndBaselineCliTest {

    private static final String QUICKSTART_CHANGES = "io.tidemark.examples.quickstart.changes.mongodb";
    private static final List<String> QUICKSTART_IDS =
            List.of("create-orders-collection", "seed-orders", "add-customer-index", "backfill-order-status");

    private final Namespaces namespaces = new Namespaces();
    private MongoFixture fixture;
    private String quickstart;
    private Path config;
    private AuditStore store;
    private final List<AuditStore> opened = new ArrayList<>();

    @TempDir
    Path directory;

    @BeforeAll
    void start() {
        fixture = MongoFixture.startEmbedded();
        String location = System.getProperty("quickstart.classes");
        if (location == null || !Files.exists(Path.of(location))) {
            throw new IllegalStateException("System property quickstart.classes must name the quickstart's "
                    + "jar or classes (the cli module's surefire configuration sets it), was " + location);
        }
        quickstart = location;
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @BeforeEach
    void openNamespace() {
        Map<String, String> keys = fixture.configuration(namespaces.fresh("plan"));
        config = ConfigFile.write(directory, "store", keys);
        store = Tidemark.builder()
                .configuration(TidemarkConfig.of(ConfigSource.of("test", keys)))
                .buildOperator()
                .store();
        opened.add(store);
        store.initialize();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(AuditStore::close);
        opened.clear();
    }

    /** The command line on this test's store, on a terminal wide enough that no line is wrapped. */
    private CliRun cli(String... args) {
        return cli(Map.of("COLUMNS", "400"), args);
    }

    private CliRun cli(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return CliRun.of("", environment, all.toArray(String[]::new));
    }

    private CliRun planQuickstart(String... more) {
        List<String> args =
                new ArrayList<>(List.of("plan", "--classpath", quickstart, "--scan-package", QUICKSTART_CHANGES));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private CliRun baselineQuickstart(String upTo) {
        return cli(
                "baseline",
                "--up-to",
                upTo,
                "--reason",
                "orders existed before Tidemark",
                "--operator",
                "ana",
                "--classpath",
                quickstart,
                "--scan-package",
                QUICKSTART_CHANGES);
    }

    private List<AuditRecord> history() {
        return store.history().readAll("default").toList();
    }

    private static List<String> field(JsonNode changes, String name) {
        List<String> values = new ArrayList<>();
        changes.forEach(change -> values.add(change.get(name).asText()));
        return values;
    }

    /** Appends {@code state} for a quickstart change directly, as a run that stopped there left it. */
    private void append(String changeId, String order, String className, AuditState state, String error) {
        AuditRecord tip = store.history().tip("default").orElse(null);
        AuditRecord record = CanonicalEncoding.seal(AuditRecord.builder()
                .chain("default")
                .seq(tip == null ? 1 : tip.seq() + 1)
                .executionId("earlier-run")
                .changeId(changeId)
                .author("quickstart")
                .order(order)
                .state(state)
                .timestamp(Instant.parse("2026-03-01T09:00:00Z"))
                .host("pod-1")
                .instanceId("pod-1-42")
                .className(QUICKSTART_CHANGES + "." + className)
                .methodName("apply")
                .errorType(error.isEmpty() ? "" : "com.mongodb.MongoWriteException")
                .errorMessage(error)
                .previousHash(tip == null ? AuditRecord.GENESIS_HASH : tip.hash())
                .build());
        assertThat(store.append(record)).isInstanceOf(AppendResult.Appended.class);
    }

    @Test
    void onAChainWithNothingAppliedEveryQuickstartChangeWouldRunExitOne() {
        CliRun text = planQuickstart();
        CliRun json = planQuickstart("--json");

        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCodes.FOUND_PROBLEMS);
        assertThat(text.out())
                .contains(
                        "Chain 'default', tip seq 0: 4 to run, 0 issue(s), 0 blocked, 0 applied.",
                        "Store: MongoDB",
                        "ORDER",
                        "CHANGE",
                        "ACTION",
                        "LATEST",
                        "Not up to date: the next start applies 4 change(s).");
        assertThat(text.out()
                        .lines()
                        .filter(line -> line.contains(" RUN ") || line.endsWith(" RUN"))
                        .count())
                .isEqualTo(4);
        QUICKSTART_IDS.forEach(id -> assertThat(text.out()).contains(id));
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(ExitCodes.FOUND_PROBLEMS);
        JsonNode plan = json.json();
        assertThat(plan.get("upToDate").asBoolean()).isFalse();
        assertThat(plan.get("toRun").asInt()).isEqualTo(4);
        assertThat(plan.get("tipSeq").asLong()).isZero();
        assertThat(plan.get("tipHash").asText()).isEqualTo(AuditRecord.GENESIS_HASH);
        assertThat(field(plan.get("changes"), "changeId")).containsExactlyElementsOf(QUICKSTART_IDS);
        assertThat(field(plan.get("changes"), "action")).containsOnly("RUN");
        assertThat(field(plan.get("changes"), "order")).containsExactly("1", "2", "3", "4");
        assertThat(plan.get("changes").get(1).get("className").asText()).isEqualTo(QUICKSTART_CHANGES + ".SeedOrders");
        assertThat(plan.get("changes").get(0).get("latest").isNull()).isTrue();
        assertThat(history()).as("plan writes nothing").isEmpty();
    }

    @Test
    void aBaselineThenAPlanThenTheRestBaselinedGivesAnUpToDateChainExitZero() {
        CliRun first = baselineQuickstart("2");

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.OK);
        assertThat(first.out())
                .contains(
                        "Baselined chain 'default' up to order 2: marked 2 change(s) applied at seq",
                        "Marked: create-orders-collection, seed-orders",
                        "  tidemark plan --classpath " + quickstart + " --scan-package " + QUICKSTART_CHANGES
                                + " --config");

        assertThat(history()).extracting(AuditRecord::state).containsOnly(AuditState.MARKED_APPLIED);
        assertThat(history())
                .allSatisfy(r -> assertThat(r.metadata()).containsEntry(AuditRecord.META_BASELINE, "true"));

        CliRun partly = planQuickstart("--json");
        assertThat(partly.exitCode()).as(partly.toString()).isEqualTo(ExitCodes.FOUND_PROBLEMS);
        JsonNode changes = partly.json().get("changes");
        assertThat(field(changes, "action")).containsExactly("SKIP_APPLIED", "SKIP_APPLIED", "RUN", "RUN");
        assertThat(changes.get(0).get("latest").get("state").asText()).isEqualTo("MARKED_APPLIED");
        assertThat(changes.get(0)
                        .get("latest")
                        .get("metadata")
                        .get("tidemark.baseline")
                        .asText())
                .isEqualTo("true");

        CliRun rest = cli(
                "baseline",
                "--up-to",
                "4",
                "--reason",
                "the index and backfill were done by hand",
                "--classpath",
                quickstart,
                "--scan-package",
                QUICKSTART_CHANGES,
                "--json");
        assertThat(rest.exitCode()).as(rest.toString()).isEqualTo(ExitCodes.OK);
        assertThat(field(rest.json().get("marked"), "changeId"))
                .containsExactly("add-customer-index", "backfill-order-status");
        List<String> alreadyApplied = new ArrayList<>();
        rest.json().get("alreadyApplied").forEach(id -> alreadyApplied.add(id.asText()));
        assertThat(alreadyApplied).containsExactly("create-orders-collection", "seed-orders");
        assertThat(rest.json().get("checkpoint").get("state").asText()).isEqualTo("CHECKPOINT");

        CliRun upToDate = planQuickstart();
        assertThat(upToDate.exitCode()).as(upToDate.toString()).isEqualTo(ExitCodes.OK);
        assertThat(upToDate.out())
                .contains(
                        "0 to run, 0 issue(s), 0 blocked, 4 applied",
                        "checkpoint at seq 5",
                        "Up to date: the next start applies nothing (the chain ends with a checkpoint of these change units).");
        CliRun upToDateJson = planQuickstart("--json");
        assertThat(upToDateJson.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(upToDateJson.json().get("upToDate").asBoolean()).isTrue();
        assertThat(upToDateJson.json().get("endsWithCheckpoint").asBoolean()).isTrue();
        assertThat(upToDateJson.json().get("tipSeq").asLong()).isEqualTo(5);

        CliRun again = baselineQuickstart("4");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(again.err()).contains("Nothing to baseline up to order '4'");
        assertThat(again.out()).isEmpty();
        assertThat(history()).hasSize(5);
    }

    @Test
    void textKeepsWithinTheTerminalsWidthExceptTheCommandsToPaste() {
        baselineQuickstart("1");
        append("add-customer-index", "3", "AddCustomerIndex", AuditState.STARTED, "");
        Map<String, String> narrow = Map.of("COLUMNS", "60");

        CliRun plan = cli(narrow, "plan", "--classpath", quickstart, "--scan-package", QUICKSTART_CHANGES);
        CliRun baseline = cli(
                narrow,
                "baseline",
                "--up-to",
                "2",
                "--reason",
                "seeded by the import job",
                "--classpath",
                quickstart,
                "--scan-package",
                QUICKSTART_CHANGES);

        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.FOUND_PROBLEMS);
        assertThat(plan.outLinesWiderThan(60))
                .as(plan.toString())
                .allSatisfy(line -> assertThat(line).startsWith("  tidemark issues --config"));
        assertThat(plan.out()).contains("ORDER", "ACTION", "add-customer-index");
        assertThat(baseline.exitCode()).as(baseline.toString()).isEqualTo(ExitCodes.OK);
        assertThat(baseline.outLinesWiderThan(60))
                .as(baseline.toString())
                .hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("  tidemark plan --classpath"));
    }

    @Test
    void aBaselineOverAFailedChangeIsRefusedNamingIt() {
        append("seed-orders", "2", "SeedOrders", AuditState.FAILED, "E11000 duplicate key");

        CliRun refused = baselineQuickstart("3");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.err())
                .contains("seed-orders (order 2): FAILED at seq 1", "E11000 duplicate key", "Nothing was written");
        assertThat(history()).hasSize(1);
    }

    @Test
    void anIssueIsShownWithTheChangesBehindItAndWhereToResolveIt() {
        baselineQuickstart("1");
        append("seed-orders", "2", "SeedOrders", AuditState.STARTED, "");
        append("add-customer-index", "3", "AddCustomerIndex", AuditState.STARTED, "");

        CliRun text = planQuickstart();
        CliRun json = planQuickstart("--json");

        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCodes.FOUND_PROBLEMS);
        assertThat(text.out())
                .as("seed-orders says recovery = RETRY; add-customer-index does not")
                .contains(
                        "1 to run, 1 issue(s), 1 blocked, 1 applied",
                        "ISSUE",
                        "BLOCKED",
                        "STARTED at seq 3",
                        "applies 1 change(s) and stops before 1 issue(s), which need a decision; to resolve them:",
                        "  tidemark issues --config " + config);
        assertThat(field(json.json().get("changes"), "action"))
                .containsExactly("SKIP_APPLIED", "RUN", "ISSUE", "BLOCKED");
        assertThat(json.json().get("changes").get(2).get("latest").get("seq").asLong())
                .isEqualTo(3);
        assertThat(json.json().get("issues").asInt()).isEqualTo(1);
    }

    /** The test's application: change units in app.jar, their support class in lib/support.jar. */
    private Map<String, Path> compiledApplication() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(
                "com.example.ci.Database",
                "package com.example.ci;\npublic interface Database { void run(String s); }\n");
        sources.put("com.example.ci.CreateThings", """
                package com.example.ci;
                import io.tidemark.api.*;
                @ChangeUnit(id = "create-things", order = "1", author = "ci")
                public class CreateThings {
                    @Execution
                    public void apply(Database database, ChangeContext context) { database.run("create"); }
                }
                """);
        sources.put("com.example.ci.IndexThings", """
                package com.example.ci;
                import io.tidemark.api.*;
                @ChangeUnit(id = "index-things", order = "2", author = "ci")
                public class IndexThings {
                    static {
                        if (true) {
                            throw new IllegalStateException("the static initialiser of IndexThings ran");
                        }
                    }
                    @Execution
                    public void apply(Database database) { database.run("index"); }
                }
                """);
        sources.put("com.example.ci.FromBase", """
                package com.example.ci;
                import io.tidemark.api.*;
                @ChangeUnit(id = "from-base", order = "3", author = "ci")
                public class FromBase extends com.example.ci.support.Base {
                    @Execution
                    public void apply() { }
                }
                """);
        sources.put("com.example.ci.support.Base", "package com.example.ci.support;\npublic abstract class Base { }\n");
        ChangeUnitJars compiled = ChangeUnitJars.compile(directory.resolve("build"), sources);
        Path app = compiled.jar(
                directory.resolve("app/app.jar"),
                List.of(
                        "com.example.ci.Database",
                        "com.example.ci.CreateThings",
                        "com.example.ci.IndexThings",
                        "com.example.ci.FromBase"));
        Path support = compiled.jar(directory.resolve("app/lib/support.jar"), List.of("com.example.ci.support.Base"));
        return Map.of("app", app, "support", support);
    }

    @Test
    void aChangeUnitThatCannotBeLoadedIsNamedWithTheClassItMissesExitThree() {
        Path app = compiledApplication().get("app");

        CliRun missing = cli("plan", "--classpath", app.toString(), "--scan-package", "com.example.ci", "--json");

        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missing.err())
                .contains(
                        "com.example.ci.FromBase is annotated @ChangeUnit but cannot be loaded",
                        "class com.example.ci.support.Base, which it needs, is not on the class path");
        assertThat(missing.err()).doesNotContain("CreateThings", "IndexThings");
        assertThat(missing.out())
                .as("nothing on standard output when the command fails")
                .isEmpty();
    }

    @Test
    void aWildcardTakesEveryJarOfItsDirectoryAndNoStaticInitialiserRuns() {
        Map<String, Path> jars = compiledApplication();
        String classPath =
                jars.get("app") + File.pathSeparator + jars.get("support").getParent() + File.separator + "*";

        CliRun plan = cli("plan", "--classpath", classPath, "--scan-package", "com.example.ci", "--json");

        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.FOUND_PROBLEMS);
        assertThat(field(plan.json().get("changes"), "changeId"))
                .containsExactly("create-things", "index-things", "from-base");
        assertThat(field(plan.json().get("changes"), "action")).containsOnly("RUN");
        assertThat(plan.err()).doesNotContain("static initialiser");

        CliRun baseline = cli(
                "baseline",
                "--up-to",
                "3",
                "--reason",
                "adopted",
                "--classpath",
                classPath,
                "--scan-package",
                "com.example.ci");
        assertThat(baseline.exitCode()).as(baseline.toString()).isEqualTo(ExitCodes.OK);
        assertThat(history())
                .extracting(AuditRecord::className)
                .containsExactly(
                        "com.example.ci.CreateThings", "com.example.ci.IndexThings", "com.example.ci.FromBase", "");
    }

    @Test
    void classPathEntriesAreCheckedBeforeAnythingConnects() {
        Path lib = directory.resolve("empty-lib");
        CliRun absent =
                cli("plan", "--classpath", directory.resolve("nowhere.jar").toString(), "--scan-package", "x");
        CliRun noJars;
        try {
            Files.createDirectories(lib);
            noJars = cli("plan", "--classpath", lib + File.separator + "*", "--scan-package", "x");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliRun notAJar = cli("plan", "--classpath", config.toString(), "--scan-package", "x");
        CliRun noPackage = cli("plan", "--classpath", quickstart);

        assertThat(absent.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(absent.err()).contains("--classpath entry", "nowhere.jar", "does not exist");
        assertThat(noJars.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(noJars.err()).contains("matches no jar file", "empty-lib");
        assertThat(notAJar.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(notAJar.err()).contains("is not a jar file");
        assertThat(noPackage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPackage.err()).contains("--scan-package");
    }

    @Test
    void aPackageWithoutChangeUnitsIsInvalidInput() {
        CliRun plan = cli("plan", "--classpath", quickstart, "--scan-package", "io.tidemark.examples.nothing.here");

        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(plan.err())
                .contains(
                        "io.tidemark.examples.nothing.here holds no @ChangeUnit class",
                        "the class path given with --classpath");
    }

    @Test
    void planCreatesNothingOnAStoreWithoutTablesExitOne() {
        MongoCliExtras extras = new MongoCliExtras(fixture, namespaces);
        Map<String, String> missing = extras.withoutTables();
        Path missingConfig = ConfigFile.write(directory, "missing", missing);

        CliRun plan = CliRun.of(
                "",
                Map.of(),
                "plan",
                "--classpath",
                quickstart,
                "--scan-package",
                QUICKSTART_CHANGES,
                "--config",
                missingConfig.toString());

        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.FOUND_PROBLEMS);
        assertThat(plan.err()).contains(extras.missingName(missing), "creates nothing");
        assertThat(extras.storedFor(missing)).isEmpty();
    }
}
