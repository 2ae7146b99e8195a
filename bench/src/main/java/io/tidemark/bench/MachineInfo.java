package io.tidemark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the figures came from: processors, CPU model, memory, Java and operating system, and the
 * load average when the run started (other work on the machine shows in the times, not in the
 * request counts).
 */
record MachineInfo(int processors, String cpuModel, String memory, String java, String os, String loadAverage) {

    static MachineInfo current() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                procEntry("/proc/cpuinfo", "model name").orElse("unknown"),
                procEntry("/proc/meminfo", "MemTotal").orElse("unknown"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                currentLoadAverage());
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("processors", processors);
        map.put("cpuModel", cpuModel);
        map.put("memory", memory);
        map.put("java", java);
        map.put("os", os);
        map.put("loadAverageAtStart", loadAverage);
        return map;
    }

    @Override
    public String toString() {
        return processors + " processors, " + cpuModel + ", " + memory + " memory; " + java + "; " + os
                + "; load average " + loadAverage;
    }

    /** The 1, 5 and 15 minute load averages, where the system tells them. */
    private static String currentLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The value of the first {@code key: value} line of a /proc file, where there is one. */
    private static Optional<String> procEntry(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
