package uk.nhs.digitalmaturity.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lowercase hex, the one form the project records: a landing file's checksum in the ingest ledger,
 * a published file's entry in the manifest, the digest of {@code sql/} in the code version, a result's
 * fingerprint. One place, so that every recorded digest is computed the same way.
 */
public final class Sha256 {
    private static final int BUFFER = 1 << 20; // landing files run to gigabytes: read them in large blocks

    private Sha256() {
    }

    /** The digest of some bytes. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** The digest of everything left in a stream (read to its end, not closed). */
    public static String hex(InputStream in) throws IOException {
        MessageDigest sha = newDigest();
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A digest over a sequence of texts, added one at a time. */
    public static Texts texts() {
        return new Texts(newDigest());
    }

    /**
     * Texts digested in order, each as UTF-8 followed by a NUL byte, so that ("ab", "c") and ("a", "bc") give
     * different digests.
     */
    public static final class Texts {
        private final MessageDigest sha;

        private Texts(MessageDigest sha) {
            this.sha = sha;
        }

        public Texts add(String text) {
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return this;
        }

        /** The digest of every text added so far; call it once, at the end. */
        public String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
