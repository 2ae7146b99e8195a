package io.tidemark.cli;

import java.net.URLClassLoader;
import java.util.Map;
import picocli.CommandLine.Mixin;

/**
 * A command that needs the application's change units ({@code plan}, {@code baseline}): it loads them
 * from {@code --classpath} and {@code --scan-package} the way the application's start would find them,
 * without running the application. They are only inspected: no static initialiser runs and no change
 * unit is instantiated, so their dependencies need not be registered; a change unit that cannot be
 * loaded is named, with the class it misses (exit code 3).
 */
abstract class ChangeUnitsCommand extends StoreCommand {

    @Mixin
    ChangeUnitOptions changeUnits;

    private UserClassPath classPath;

    @Override
    void validate() {
        classPath = UserClassPath.of(changeUnits.classpath);
    }

    @Override
    Session openSession(Map<String, String> environment) {
        URLClassLoader classes = classPath.open();
        return Session.withChangeUnits(options, environment, root().clock(), classes, changeUnits.packages);
    }

    /** The options that name the change units, as given, for commands printed as hints. */
    String changeUnitArguments() {
        StringBuilder text = new StringBuilder();
        changeUnits.classpath.forEach(entry -> text.append(" --classpath ").append(Shell.quote(entry)));
        changeUnits.packages.forEach(name -> text.append(" --scan-package ").append(Shell.quote(name)));
        return text.toString();
    }
}
