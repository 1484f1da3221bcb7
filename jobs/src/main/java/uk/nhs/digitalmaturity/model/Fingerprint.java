package uk.nhs.digitalmaturity.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.ingest.IngestLedger;

/**
 * A digest of everything a result depends on: the code, the parameters (as-at date included) and the
 * landing files it can see. Same fingerprint, same contents; that is what lets a nightly run with nothing
 * new do nothing, and a run after one new month rebuild only the tables that month feeds.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(String what, String code, Map<String, String> parameters,
                            Collection<IngestLedger.Entry> inputs, Set<Source> sources) {
        Sha256.Texts sha = Sha256.texts().add(what).add(code);
        parameters.forEach((k, v) -> sha.add(k + "=" + v));
        List<String> files = inputs.stream()
                .filter(e -> sources.stream().anyMatch(s -> s.table().equals(e.source())))
                .map(e -> e.sourceFile() + "@" + e.sha256())
                .sorted().toList();
        files.forEach(sha::add);
        return sha.hex();
    }
}
