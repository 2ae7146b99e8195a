package io.tidemark.cli;

import io.tidemark.spi.Diagnosis;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The doctor's findings as text for a person, within a given width: per finding its status and
 * check, then what was found and the fix, wrapped under them.
 *
 * <p>Each fact is stated once. A fix that the finding's own text already spells out is left out. A
 * problem already stated by an earlier finding (the same missing table seen by the table check, the
 * read and the lock probe) is not repeated: the later finding refers to the earlier check instead. A
 * finding that lists several problems ("3 problems: 1. ... 2. ...") is compared problem by problem.
 */
final class DoctorReport {

    /** Width of the status column ("PROBLEM" and two spaces); the lines under a check are indented as far. */
    static final int STATUS_WIDTH = 9;

    private static final Pattern LIST_HEADER = Pattern.compile("\\d+ problems:");
    private static final Pattern LIST_ITEM = Pattern.compile("\\s*\\d+\\.\\s+(.*)");

    private final int width;

    DoctorReport(int width) {
        this.width = width;
    }

    /** The header, one block per finding, and a closing line counting problems and warnings. */
    List<String> render(String store, String chain, List<Diagnosis> findings) {
        List<String> lines = new ArrayList<>();
        paragraph(lines, "Store  ", store);
        paragraph(lines, "Chain  ", chain);
        lines.add("");
        List<Diagnosis> shown = new ArrayList<>();
        for (Diagnosis finding : findings) {
            block(lines, finding, shown);
            shown.add(finding);
        }
        long problems = findings.stream()
                .filter(d -> d.status() == Diagnosis.Status.PROBLEM)
                .count();
        long warnings = findings.stream()
                .filter(d -> d.status() == Diagnosis.Status.WARNING)
                .count();
        lines.add("");
        lines.add(
                problems == 0
                        ? "No problems found" + (warnings == 0 ? "." : "; " + count(warnings, "warning") + ".")
                        : "Found " + count(problems, "problem")
                                + (warnings == 0 ? "." : " and " + count(warnings, "warning") + "."));
        return lines;
    }

    private void block(List<String> lines, Diagnosis finding, List<Diagnosis> earlier) {
        paragraph(
                lines,
                String.format(
                        Locale.ROOT, "%-" + STATUS_WIDTH + "s", finding.status().name()),
                finding.check());
        String indent = " ".repeat(STATUS_WIDTH);
        List<String> fresh = new ArrayList<>();
        Set<String> statedBy = new LinkedHashSet<>();
        for (String problem : problems(finding.detail())) {
            earlier.stream()
                    .filter(before -> problems(before.detail()).stream().anyMatch(p -> same(p, problem)))
                    .findFirst()
                    .ifPresentOrElse(before -> statedBy.add(before.check()), () -> fresh.add(problem));
        }
        String reference = statedBy.isEmpty() ? "" : "the same as for " + String.join(" and ", statedBy) + ", above";
        String found = fresh.isEmpty()
                ? reference
                : String.join(" ", fresh) + (reference.isEmpty() ? "" : "; otherwise " + reference);
        String fix = fresh.isEmpty() || flat(found).contains(flat(finding.fix())) ? "" : finding.fix();
        if (!flat(found).isEmpty()) {
            paragraph(lines, indent + "found: ", found);
        }
        if (!flat(fix).isEmpty()) {
            paragraph(lines, indent + "fix:   ", fix);
        }
    }

    /** The problems a finding states: the items of a numbered list, else its whole text. */
    static List<String> problems(String detail) {
        String[] lines = detail.strip().split("\\R");
        if (lines.length > 1 && LIST_HEADER.matcher(lines[0].strip()).matches()) {
            List<String> items = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                var item = LIST_ITEM.matcher(lines[i]);
                if (item.matches()) {
                    items.add(item.group(1));
                } else if (!items.isEmpty()) {
                    items.set(items.size() - 1, items.get(items.size() - 1) + " " + lines[i].strip());
                }
            }
            if (!items.isEmpty()) {
                return items;
            }
        }
        return List.of(detail);
    }

    private static boolean same(String a, String b) {
        return !flat(a).isEmpty() && flat(a).equals(flat(b));
    }

    /** {@code text} wrapped after {@code label}, its continuation lines indented as far as the label. */
    private void paragraph(List<String> lines, String label, String text) {
        List<String> wrapped = TextWrap.lines(text, Math.max(1, width - label.length()));
        String indent = " ".repeat(label.length());
        for (int i = 0; i < wrapped.size(); i++) {
            lines.add(((i == 0 ? label : indent) + wrapped.get(i)).stripTrailing());
        }
    }

    private static String flat(String text) {
        return String.join(" ", text.strip().split("\\s+")).toLowerCase(Locale.ROOT);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
