package io.tidemark.spring.boot.autoconfigure;

import static io.tidemark.spring.boot.autoconfigure.MongoBoot.BASIC;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.auditRecords;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.freshDatabase;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.core.Tidemark;
import io.tidemark.spring.boot.autoconfigure.MongoBoot.MongoClientBean;
import io.tidemark.spring.boot.autoconfigure.MongoBoot.TidemarkOnly;
import io.tidemark.spring.boot.autoconfigure.fixtures.ChangeJournal;
import io.tidemark.spring.boot.autoconfigure.fixtures.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Tidemark in the shapes of Boot application a user may have: a parent and child context, lazy initialization. */
class BootLifecycleTest {

    @Test
    void aParentAndChildContextRunTheChangesOnceWithOneTidemark() {
        String database = freshDatabase();
        try (ConfigurableApplicationContext child = new SpringApplicationBuilder(
                        TidemarkOnly.class, Fixtures.class, MongoClientBean.class)
                .web(WebApplicationType.NONE)
                .properties(BASIC, "tidemark.mongodb.database=" + database)
                .child(TidemarkOnly.class)
                .web(WebApplicationType.NONE)
                .run()) {
            assertThat(child.getBean(ChangeJournal.class).entries()).hasSize(2);
            assertThat(auditRecords(database))
                    .filteredOn(record -> record.endsWith(":APPLIED"))
                    .hasSize(2);
            assertThat(child.getBeanNamesForType(Tidemark.class))
                    .as("the child reuses the parent's Tidemark")
                    .isEmpty();
            assertThat(child.getParent().getBeanNamesForType(Tidemark.class)).hasSize(1);
        }
    }

    @Test
    void lazyInitializationStillRunsTheChangesAtStartupInEveryMode() {
        for (String mode : List.of("application-runner", "initializing-bean")) {
            String database = freshDatabase();
            try (ConfigurableApplicationContext context = start(
                    List.of(MongoClientBean.class),
                    BASIC,
                    "tidemark.mongodb.database=" + database,
                    "tidemark.run-mode=" + mode,
                    "spring.main.lazy-initialization=true")) {
                assertThat(auditRecords(database))
                        .as(mode)
                        .contains("create-greetings:APPLIED", "add-farewells:APPLIED");
            }
        }
    }
}
