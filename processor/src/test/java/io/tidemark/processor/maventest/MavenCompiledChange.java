package io.tidemark.processor.maventest;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

/** A change unit compiled by the maven-compiler-plugin with the processor (see MavenBuildTest). */
@ChangeUnit(id = "maven-compiled", order = "1", author = "build")
public class MavenCompiledChange {

    @Execution
    public void apply(ChangeContext context) {
        context.putMetadata("compiled-by", "maven");
    }
}
