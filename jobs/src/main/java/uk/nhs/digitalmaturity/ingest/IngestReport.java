package uk.nhs.digitalmaturity.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one run's ingestion did: the files it read and where their rows went. */
public record IngestReport(List<IngestLedger.Entry> ingested) {

    public IngestReport {
        ingested = List.copyOf(ingested);
    }

    public static IngestReport empty() {
        return new IngestReport(new ArrayList<>());
    }

    public boolean nothingNew() {
        return ingested.isEmpty();
    }

    /** Rows quarantined in this run, per bronze table. */
    public Map<String, Long> quarantinedBySource() {
        Map<String, Long> bySource = new TreeMap<>();
        ingested.forEach(e -> bySource.merge(e.source(), e.quarantinedRows(), Long::sum));
        return bySource;
    }
}
