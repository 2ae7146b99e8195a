package io.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.Tidemark;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.processor.testing.CompiledModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processor writes, and what it refuses to compile. */
class ProcessorOutputTest {

    static final String PACKAGE = "com.example.changes";

    @TempDir
    Path directory;

    @Test
    void theIndexListsEveryClassFileAndTheChangeUnitsInRunOrder() throws IOException {
        CompiledModule module = CompiledModule.in(directory)
                .changeUnit(PACKAGE + ".Tenth", "tenth", "10")
                .changeUnit(PACKAGE + ".Second", "second", "2")
                .source(PACKAGE + ".Outer", """
                        package com.example.changes;

                        public class Outer {
                            @io.tidemark.api.ChangeUnit(id = "nested\\tid", order = "1.5", author = "ana",
                                    description = "line one\\nline two", recovery = io.tidemark.api.Recovery.RETRY)
                            public static class Nested {
                                public Nested(java.util.concurrent.Executor executor) {
                                }

                                @io.tidemark.api.Execution
                                public void apply(io.tidemark.api.ChangeContext context, String[] names, int count) {
                                }

                                @io.tidemark.api.RollbackExecution
                                void undo() {
                                }
                            }

                            Runnable anonymous = new Runnable() {
                                public void run() {
                                }
                            };
                        }
                        """)
                .compileWithProcessor();

        List<String> lines = Files.readAllLines(module.index(PACKAGE));

        assertThat(lines.subList(0, 3)).containsExactly("tidemark-index\t1", "package\t" + PACKAGE, "state\tcomplete");
        assertThat(lines)
                .filteredOn(l -> l.startsWith("class\t"))
                .extracting(l -> l.split("\t")[1])
                .containsExactlyInAnyOrder("Tenth", "Second", "Outer", "Outer$Nested", "Outer$1");
        Path nested = module.classFile(PACKAGE + ".Outer$Nested");
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(nested));
        assertThat(lines)
                .contains("class\tOuter$Nested\t" + Files.size(nested) + "\t" + String.format("%08x", crc.getValue())
                        + "\t" + Files.getLastModifiedTime(nested).toMillis() + "\tio.tidemark.api.ChangeUnit");
        assertThat(lines)
                .filteredOn(l -> l.startsWith("unit\t"))
                .containsExactly(
                        "unit\tOuter$Nested\tnested\\tid\t1.5\tRETRY\tana\tline one\\nline two",
                        "unit\tSecond\tsecond\t2\tMANUAL_INTERVENTION\ttest\t",
                        "unit\tTenth\ttenth\t10\tMANUAL_INTERVENTION\ttest\t");
        assertThat(lines)
                .contains(
                        "constructor\tOuter$Nested\t" + PACKAGE
                                + ".Outer$Nested\t<init>\tjava.util.concurrent.Executor",
                        "execution\tOuter$Nested\t" + PACKAGE + ".Outer$Nested\tapply\tio.tidemark.api.ChangeContext,"
                                + "java.lang.String[],int",
                        "rollback\tOuter$Nested\t" + PACKAGE + ".Outer$Nested\tundo\t");
        assertThat(lines.get(lines.size() - 1)).matches("end\t[0-9a-f]{8}");
    }

    @Test
    void theIndexHoldsTheDigestTidemarkComputesFromTheClasses() throws Exception {
        CompiledModule module = CompiledModule.in(directory)
                .changeUnit(PACKAGE + ".A", "zeta", "1")
                .changeUnit(PACKAGE + ".B", "\u00e9t\u00e9-\uD83D\uDE00", "2")
                .changeUnit(PACKAGE + ".C", "alpha", "3")
                .compileWithProcessor();
        ClassLoader loader = module.loader();
        String fromClasses = Tidemark.builder()
                .auditStore(new InMemoryAuditStore(Clock.systemUTC()))
                .changeUnits(
                        Class.forName(PACKAGE + ".A", false, loader),
                        Class.forName(PACKAGE + ".B", false, loader),
                        Class.forName(PACKAGE + ".C", false, loader))
                .build()
                .changeSetDigest();

        assertThat(Files.readAllLines(module.index(PACKAGE))).contains("digest\t" + fromClasses);
    }

    @Test
    void theReflectionMetadataNamesWhatTheCoreCallsByReflection() throws IOException {
        CompiledModule module = CompiledModule.in(directory)
                .source(PACKAGE + ".Base", """
                        package com.example.changes;

                        public abstract class Base {
                            @io.tidemark.api.Execution
                            public void apply(io.tidemark.api.ChangeContext context) {
                            }
                        }
                        """)
                .source(PACKAGE + ".Inherits", """
                        package com.example.changes;

                        @io.tidemark.api.ChangeUnit(id = "inherits", order = "1")
                        public class Inherits extends Base {
                        }
                        """)
                .compileWithProcessor();

        String json = Files.readString(
                module.classes().resolve("META-INF/native-image/tidemark/" + PACKAGE + "/reflect-config.json"));

        assertThat(json)
                .contains(
                        "{\"name\": \"" + PACKAGE + ".Inherits\", \"queryAllDeclaredConstructors\": true, "
                                + "\"queryAllDeclaredMethods\": true, \"methods\": [{\"name\": \"<init>\", \"parameterTypes\": []}]}");
        assertThat(json)
                .contains("{\"name\": \"" + PACKAGE + ".Base\", \"queryAllDeclaredConstructors\": true, "
                        + "\"queryAllDeclaredMethods\": true, \"methods\": [{\"name\": \"apply\", \"parameterTypes\": "
                        + "[\"io.tidemark.api.ChangeContext\"]}]}");
        assertThat(json).startsWith("[\n").endsWith("]\n");
    }

    @Test
    void aCompilationWithoutChangeUnitsWritesNothing() {
        CompiledModule module = CompiledModule.in(directory)
                .source(PACKAGE + ".Plain", "package com.example.changes;\n\npublic class Plain {\n}\n")
                .compileWithProcessor();

        assertThat(module.index(PACKAGE)).doesNotExist();
        assertThat(module.classes().resolve("META-INF")).doesNotExist();
    }

    @Test
    void structuralMistakesFailTheCompilationWithTheCoresAdvice() {
        CompiledModule module = CompiledModule.in(directory)
                .source(PACKAGE + ".NoExecution", """
                        package com.example.changes;

                        @io.tidemark.api.ChangeUnit(id = "no-execution", order = "1")
                        public class NoExecution {
                        }
                        """)
                .source(PACKAGE + ".TwoExecutions", """
                        package com.example.changes;

                        @io.tidemark.api.ChangeUnit(id = " ", order = "2")
                        public class TwoExecutions {
                            @io.tidemark.api.Execution
                            public void one() {
                            }

                            @io.tidemark.api.Execution
                            public void two() {
                            }
                        }
                        """)
                .source(PACKAGE + ".Holder", """
                        package com.example.changes;

                        public class Holder {
                            @io.tidemark.api.ChangeUnit(id = "inner", order = "3")
                            public class Inner {
                                @io.tidemark.api.Execution
                                public void apply() {
                                }
                            }
                        }
                        """)
                .changeUnit(PACKAGE + ".First", "same-id", "4")
                .changeUnit(PACKAGE + ".Second", "same-id", "5");

        CompiledModule.Result result = module.tryCompile(true);

        assertThat(result.success()).isFalse();
        assertThat(result.diagnostics())
                .contains(
                        PACKAGE
                                + ".NoExecution has no @Execution method: annotate the one method that applies the change",
                        PACKAGE + ".TwoExecutions has 2 @Execution methods (one, two): keep exactly one",
                        PACKAGE + ".TwoExecutions: @ChangeUnit id is blank; give it a unique, stable id",
                        PACKAGE
                                + ".Holder$Inner cannot be instantiated: it is an inner, local or anonymous class; make it "
                                + "top-level or static",
                        "Change id 'same-id' is used by " + PACKAGE + ".First and " + PACKAGE
                                + ".Second: ids must be unique");
    }

    @Test
    void aCompilerThatCannotReportClassFilesLeavesAPendingIndex() throws IOException {
        CompiledModule module = CompiledModule.in(directory).changeUnit(PACKAGE + ".A", "a", "1");
        Path output = module.classes();
        // Processing alone (-proc:only, as kapt runs annotation processing) generates no class file.
        javax.tools.JavaCompiler compiler = javax.tools.ToolProvider.getSystemJavaCompiler();
        try (javax.tools.StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            javax.tools.JavaCompiler.CompilationTask task = compiler.getTask(
                    null,
                    files,
                    null,
                    List.of(
                            "-proc:only",
                            "-d",
                            output.toString(),
                            "-classpath",
                            CompiledModule.location(io.tidemark.api.ChangeUnit.class)),
                    null,
                    files.getJavaFileObjectsFromPaths(List.of(directory.resolve("src/com/example/changes/A.java"))));
            task.setProcessors(List.of(new ChangeUnitIndexProcessor()));
            assertThat(task.call()).isTrue();
        }

        String index = Files.readString(module.index(PACKAGE));
        assertThat(index)
                .startsWith("tidemark-index\t1\npackage\t" + PACKAGE + "\nstate\t")
                .doesNotContain("complete");
    }
}
