package io.tidemark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tidemark.spi.Diagnosis;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "doctor", description = "Connect, check tables, collections, indexes and permissions, and say what is wrong and how "
        + "to fix it. Exit code 1 when a problem is found.")
final class DoctorCommand extends StoreCommand {

    @Override
    int run(Session session, Printer printer) {
        printer.line("Store: %s, chain '%s'", session.store().describe(), session.chain());
        List<Diagnosis> findings = session.operator().doctor();
        printer.table(List.of("STATUS", "CHECK", "FOUND", "FIX"), findings.stream()
                .map(d -> List.of(d.status().name(), d.check(), d.detail(), d.fix())).toList());
        ArrayNode json = RecordJson.MAPPER.createArrayNode();
        findings.forEach(d -> json.addObject().put("status", d.status().name()).put("check", d.check())
                .put("detail", d.detail()).put("fix", d.fix()));
        printer.json(json);
        return findings.stream().anyMatch(d -> d.status() == Diagnosis.Status.PROBLEM)
                ? ExitCodes.FOUND_PROBLEMS : ExitCodes.OK;
    }
}
