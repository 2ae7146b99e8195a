package io.tidemark.cli;

import picocli.CommandLine.Command;

@Command(name = "lock", description = "Inspect or break the chain's lock.",
        subcommands = {LockReleaseCommand.class})
final class LockCommand {
}
