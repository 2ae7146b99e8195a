package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.operator.MongockImport;
import io.tidemark.spi.MongockChangeLog;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "import-mongock",
        description = {
            "Import Mongock's change log into the chain, so that Mongock's change units run unchanged under Tidemark "
                    + "and none runs twice.",
            "Reads Mongock's change log from the store that --from describes (its tidemark.store and that adapter's "
                    + "keys: the MongoDB database, the DynamoDB endpoint and region, the Couchbase bucket and scope), "
                    + "checks every entry, then appends under the lock: EXECUTED as MARKED_APPLIED, FAILED and "
                    + "ROLLBACK_FAILED as issues, ROLLED_BACK as ROLLED_BACK; IGNORED entries and Mongock's system "
                    + "changes are skipped. Nothing is written when anything is wrong. Importing again adds only what "
                    + "Mongock wrote since. Creates nothing in the origin; creates the chain's tables or collections "
                    + "when missing and auto-create is on. The summary goes to standard error, or with --json to "
                    + "standard output as JSON."
        })
final class ImportMongockCommand extends StoreCommand {

    /** Mongock's default name of its change log collection and table. */
    static final String DEFAULT_COLLECTION = "mongockChangeLog";
    /** Mongock's Couchbase driver keeps its entries in the collection it is given: usually the bucket's default one. */
    static final String DEFAULT_COUCHBASE_COLLECTION = "_default";

    @Option(
            names = "--from",
            required = true,
            paramLabel = "CONFIG",
            description = "Properties file of the store holding Mongock's change log (may be the same as --config).")
    Path from;

    @Option(
            names = "--collection",
            paramLabel = "NAME",
            description = "Mongock's change log: the MongoDB collection "
                    + "or DynamoDB table (default mongockChangeLog), or the Couchbase collection, 'name' in the configured "
                    + "scope or 'scope.name' (default _default).")
    String collection;

    @Option(
            names = "--operator",
            paramLabel = "NAME",
            description = "Who imports; recorded with every record (default: the OS user).")
    String operator = System.getProperty("user.name", "operator");

    @Override
    int run(Session target, Printer printer) {
        TidemarkCli root = root();
        String command = "the origin of " + commandName();
        Map<String, String> readOnly = ReadOnlyAccess.environment(root.environment());
        ReadOnlyAccess.refuseForcedAutoCreate(command, null, from, null, readOnly);
        try (Session origin = Session.open(null, from, null, readOnly, root.clock())) {
            String name = collection != null
                    ? collection
                    : "couchbase".equals(origin.store().kind()) ? DEFAULT_COUCHBASE_COLLECTION : DEFAULT_COLLECTION;
            MongockChangeLog changeLog = origin.store()
                    .mongockChangeLog(name)
                    .orElseThrow(() -> new ConfigurationException(
                            origin.store().describe() + " cannot read Mongock's change log: --from "
                                    + "must name a MongoDB, DynamoDB or Couchbase store (tidemark.store) holding it."));
            printer.progress(
                    "Importing %s into chain '%s' of %s",
                    changeLog.describe(), target.chain(), target.store().describe());
            MongockImport result = target.operator().importMongock(changeLog, operator);
            printer.summary("%s", result.summary());
            printer.json(toJson(result));
            return result.verification().isIntact()
                    ? ExitCodes.OK
                    : result.verification() instanceof VerificationResult.Unreadable
                            ? ExitCodes.NEWER_VERSION
                            : ExitCodes.FOUND_PROBLEMS;
        }
    }

    private static ObjectNode toJson(MongockImport result) {
        ObjectNode json = RecordJson.MAPPER
                .createObjectNode()
                .put("from", result.source())
                .put("chain", result.chain())
                .put("read", result.read())
                .put("imported", result.imported())
                .put("markedApplied", result.markedApplied())
                .put("rolledBack", result.rolledBack())
                .put("problems", result.problems())
                .put("skipped", result.skipped())
                .put("ignored", result.ignored())
                .put("systemChanges", result.systemChanges())
                .put("alreadyImported", result.alreadyImported())
                .put("firstSeq", result.firstSeq())
                .put("lastSeq", result.lastSeq())
                .put("intact", result.verification().isIntact());
        ArrayNode issues = json.putArray("issues");
        result.issues().forEach(issues::add);
        if (result.verification() instanceof VerificationResult.Intact intact) {
            json.put("tipHash", intact.tipHash());
        }
        return json;
    }

    @Override
    boolean mayCreate() {
        return true;
    }
}
