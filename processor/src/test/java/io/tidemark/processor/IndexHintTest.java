package io.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.ChangeResult;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.processor.testing.CapturedLog;
import io.tidemark.processor.testing.CompiledModule;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an idle start says, or does not say, about an index it cannot use for the packages scanned. */
class IndexHintTest {
    @TempDir
    Path directory;

    /**
     * A scan above an indexed package that also finds change units in a package without an index gives
     * no advice to scan the indexed package alone, which would lose those change units.
     */
    @Test
    void noAdviceToScanTheIndexedPackageWhenAnotherPackageHoldsChangeUnitsWithoutAnIndex() throws Exception {
        CompiledModule indexed = CompiledModule.in(directory.resolve("a"))
                .changeUnit("com.example.changes.CreateOrders", "create-orders", "1")
                .compileWithProcessor();
        CompiledModule plain = CompiledModule.in(directory.resolve("b"))
                .changeUnit("com.example.legacy.AddAudit", "add-audit", "2")
                .compileWithoutProcessor();
        try (URLClassLoader loader = new URLClassLoader(
                        new URL[] {
                            indexed.classes().toUri().toURL(),
                            plain.classes().toUri().toURL()
                        },
                        IndexHintTest.class.getClassLoader());
                CapturedLog log = CapturedLog.start()) {
            RunReport all = Tidemark.builder()
                    .auditStore(new InMemoryAuditStore(Clock.systemUTC()))
                    .classLoader(loader)
                    .scanPackage("com.example")
                    .build()
                    .run();
            assertThat(all.applied()).extracting(ChangeResult::changeId).containsExactly("create-orders", "add-audit");
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
    }

    /**
     * A package split across class path roots (a test output holding a fixture in the change units'
     * package, beside the main output that holds the index) is not reported as an index moved away from
     * its classes; the start scans, as it did.
     */
    @Test
    void aPackageSplitAcrossRootsIsNotReportedAsAMovedIndex() throws Exception {
        CompiledModule main = CompiledModule.in(directory.resolve("main"))
                .changeUnit("com.example.changes.CreateOrders", "create-orders", "1")
                .compileWithProcessor();
        CompiledModule test = CompiledModule.in(directory.resolve("test"))
                .source(
                        "com.example.changes.OrdersFixture",
                        "package com.example.changes;\n\nclass OrdersFixture {\n}\n")
                .compileWithProcessor();
        try (URLClassLoader loader = new URLClassLoader(
                        new URL[] {
                            test.classes().toUri().toURL(),
                            main.classes().toUri().toURL()
                        },
                        IndexHintTest.class.getClassLoader());
                CapturedLog log = CapturedLog.start()) {
            RunReport report = Tidemark.builder()
                    .auditStore(new InMemoryAuditStore(Clock.systemUTC()))
                    .classLoader(loader)
                    .scanPackage("com.example.changes")
                    .build()
                    .run();
            assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("create-orders");
            assertThat(log.linesContaining("build-time index")).isEmpty();
        }
    }
}
