package io.tidemark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidemark.bench.measure.Measurement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the run's figures, raw samples included, as one JSON document. */
final class JsonReport {

    private JsonReport() {}

    /** Writes the report to {@code file}, stamped with the time {@code clock} gives. */
    static void write(
            Path file,
            Clock clock,
            MachineInfo machine,
            BenchSettings settings,
            Map<String, String> backends,
            List<Measurement> measurements,
            List<TargetCheck> checks) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generatedAt", clock.instant().toString());
        root.put("command", BenchMain.COMMAND);
        root.put("machine", machine.asMap());
        root.put("settings", settings);
        root.put("backends", backends);
        root.put(
                "measurements",
                measurements.stream().map(JsonReport::measurement).toList());
        root.put("targets", checks);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static Map<String, Object> measurement(Measurement m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("backend", m.backend());
        map.put("scenario", m.scenario());
        map.put("unit", m.unit());
        map.put("unitsPerRep", m.unitsPerRep());
        map.put("warmups", m.warmups());
        map.put("reps", m.times().count());
        map.put("medianMillis", m.times().median());
        map.put("p95Millis", m.times().p95());
        map.put("minMillis", m.times().min());
        map.put("maxMillis", m.times().max());
        map.put("medianMillisPerUnit", m.medianMillisPerUnit());
        map.put("requestsPerUnit", m.requestsPerUnit());
        map.put("recordsReadPerUnit", m.recordsReadPerUnit());
        map.put("requestsPerRep", Map.of("min", m.minRequestsPerRep(), "max", m.maxRequestsPerRep()));
        map.put("trafficTotal", m.totalTraffic());
        map.put("notes", m.notes());
        map.put("samplesMillis", m.times().millis());
        return map;
    }
}
