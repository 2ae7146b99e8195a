package io.tidemark.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on one chain of one store. Its arguments are checked before connecting;
 * unless it {@linkplain #mayCreate() may create}, the store is opened with auto-create off and
 * verified first (see {@link ReadOnlyAccess}), so that a wrong name is reported as missing instead
 * of being created.
 */
abstract class StoreCommand implements Callable<Integer> {

    @Mixin
    StoreOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        validate();
        Map<String, String> environment = root().environment();
        if (!mayCreate()) {
            environment = ReadOnlyAccess.environment(environment);
            ReadOnlyAccess.refuseForcedAutoCreate(
                    commandName(), options.store, options.config, options.chain, environment);
        }
        try (Session session = openSession(environment)) {
            if (!mayCreate() && verifiesStore()) {
                ReadOnlyAccess.requireReady(session, commandName(), notReadyExitCode());
            }
            return run(session, printer());
        }
    }

    /** Checks the arguments before anything connects; throws a usage or input error. Default: nothing to check. */
    void validate() {}

    /** Opens the session the command works in: by default the chosen store, without change units. */
    Session openSession(Map<String, String> environment) {
        return Session.open(options, environment, root().clock());
    }

    /** Does the command's work; returns its exit code. */
    abstract int run(Session session, Printer printer);

    /**
     * Whether the command writes records and may therefore create missing tables and collections
     * (when auto-create is on). Default: no.
     */
    boolean mayCreate() {
        return false;
    }

    /**
     * Whether a command that may not create has the store verify its tables before running. Default
     * yes; {@code doctor} reports what is missing itself.
     */
    boolean verifiesStore() {
        return true;
    }

    /** The exit code when the store lacks what the command needs. Default: a problem was found (1). */
    int notReadyExitCode() {
        return ExitCodes.FOUND_PROBLEMS;
    }

    /** The command as typed, for messages: "tidemark lock show". */
    String commandName() {
        return spec.qualifiedName(" ");
    }

    TidemarkCli root() {
        return (TidemarkCli) spec.root().userObject();
    }

    Printer printer() {
        return new Printer(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                options.json,
                TerminalWidth.of(root().environment()));
    }

    /**
     * The options that chose this store and chain, as the user gave them, for commands printed as
     * hints (" --config prod.properties"); empty when none were given.
     */
    String storeArguments() {
        StringBuilder text = new StringBuilder();
        if (options.store != null) {
            text.append(" --store ").append(Shell.quote(options.store));
        }
        if (options.config != null) {
            text.append(" --config ").append(Shell.quote(options.config.toString()));
        }
        if (options.chain != null) {
            text.append(" --chain ").append(Shell.quote(options.chain));
        }
        return text.toString();
    }
}
