package io.tidemark.cli;

import picocli.CommandLine.Command;

/** The {@code lock} group: it does nothing itself, so {@code tidemark lock} alone is a usage error listing both. */
@Command(
        name = "lock",
        description = "Show who holds the chain's lock, or break a lock left by a dead instance.",
        subcommands = {LockShowCommand.class, LockReleaseCommand.class})
final class LockCommand {}
