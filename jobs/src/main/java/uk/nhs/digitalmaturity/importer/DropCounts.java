package uk.nhs.digitalmaturity.importer;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Input rows an importer did not carry into the landing file, counted per reason (nothing is dropped silently). */
public final class DropCounts {
    private final Map<String, Long> byReason = new TreeMap<>();

    public void add(String reason) {
        byReason.merge(reason, 1L, Long::sum);
    }

    public long total() {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(String reason) {
        return byReason.getOrDefault(reason, 0L);
    }

    public Map<String, Long> byReason() {
        return Collections.unmodifiableMap(byReason);
    }

    /** E.g. {@code 4439 (not an NHS trust code: 4439)}, or {@code 0}. */
    public String describe() {
        if (byReason.isEmpty()) {
            return "0";
        }
        return total() + " (" + byReason.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ")) + ")";
    }
}
