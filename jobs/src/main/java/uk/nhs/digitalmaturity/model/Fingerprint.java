package uk.nhs.digitalmaturity.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, what);
            update(sha, code);
            parameters.forEach((k, v) -> update(sha, k + "=" + v));
            List<String> files = inputs.stream()
                    .filter(e -> sources.stream().anyMatch(s -> s.table().equals(e.source())))
                    .map(e -> e.sourceFile() + "@" + e.sha256())
                    .sorted().toList();
            files.forEach(f -> update(sha, f));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
