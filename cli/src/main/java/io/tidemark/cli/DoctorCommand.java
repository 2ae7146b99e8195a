package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tidemark.spi.Diagnosis;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "doctor",
        description = {
            "Check connection, tables, collections, indexes and permissions; say what is wrong and how to fix it.",
            "Creates no table or collection: a missing one is a problem. The write check takes and releases a probe lock "
                    + "('<chain>.doctor-probe'). Text is wrapped to the terminal's width (COLUMNS, else 100). Exit code 1 "
                    + "when a problem is found."
        })
final class DoctorCommand extends StoreCommand {

    @Override
    int run(Session session, Printer printer) {
        List<Diagnosis> findings = session.operator().doctor();
        new DoctorReport(printer.width())
                .render(session.store().describe(), session.chain(), findings)
                .forEach(printer::text);
        ArrayNode json = RecordJson.MAPPER.createArrayNode();
        findings.forEach(d -> json.addObject()
                .put("status", d.status().name())
                .put("check", d.check())
                .put("detail", d.detail())
                .put("fix", d.fix()));
        printer.json(json);
        return findings.stream().anyMatch(d -> d.status() == Diagnosis.Status.PROBLEM)
                ? ExitCodes.FOUND_PROBLEMS
                : ExitCodes.OK;
    }

    /** Doctor reports missing tables itself, as findings, instead of stopping before it looks. */
    @Override
    boolean verifiesStore() {
        return false;
    }
}
