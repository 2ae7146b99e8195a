package io.tidemark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on one chain of one store. */
abstract class StoreCommand implements Callable<Integer> {

    @Mixin
    StoreOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try (Session session = Session.open(options, root().environment(), root().clock())) {
            return run(session, printer());
        }
    }

    /** Does the command's work; returns its exit code. */
    abstract int run(Session session, Printer printer);

    TidemarkCli root() {
        return (TidemarkCli) spec.root().userObject();
    }

    Printer printer() {
        return new Printer(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json);
    }
}
