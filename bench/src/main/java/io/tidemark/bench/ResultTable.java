package io.tidemark.bench;

import io.tidemark.bench.measure.Measurement;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The measurements as a fixed-width text table, and the target checks below it. */
final class ResultTable {

    private static final String ROW = "%-10s %-20s %5s %10s %10s %12s %9s %8s %8s %8s %8s %9s%n";

    private ResultTable() {}

    static void print(PrintStream out, List<Measurement> measurements, List<TargetCheck> checks) {
        out.printf(
                Locale.ROOT,
                ROW,
                "backend",
                "scenario",
                "reps",
                "median ms",
                "p95 ms",
                "ms/unit",
                "req/unit",
                "auditW",
                "auditR",
                "lock",
                "other",
                "records");
        out.printf(Locale.ROOT, ROW, "", "", "", "", "", "(median)", "", "/unit", "/unit", "/unit", "/unit", "/unit");
        for (Measurement m : measurements) {
            var total = m.totalTraffic();
            out.printf(
                    Locale.ROOT,
                    ROW,
                    m.backend(),
                    m.scenario() + " (" + m.unit() + ")",
                    m.times().count(),
                    millis(m.times().median()),
                    millis(m.times().p95()),
                    millis(m.medianMillisPerUnit()),
                    number(m.requestsPerUnit()),
                    number(m.perUnit(total.auditWrites())),
                    number(m.perUnit(total.auditReads())),
                    number(m.perUnit(total.lockRequests())),
                    number(m.perUnit(total.otherRequests())),
                    number(m.recordsReadPerUnit()));
        }
        out.println();
        out.println("Targets:");
        for (TargetCheck check : checks) {
            out.printf(
                    Locale.ROOT,
                    "  [%s] %-9s %s: %s%n",
                    check.met() ? "met" : "NOT MET",
                    check.backend(),
                    check.target(),
                    check.measured());
        }
        out.println();
        out.println("Notes:");
        for (Measurement m : measurements) {
            if (!m.notes().isEmpty()) {
                out.printf(Locale.ROOT, "  %-9s %-20s %s%n", m.backend(), m.scenario(), m.notes());
            }
        }
    }

    private static String millis(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String number(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
