package uk.nhs.digitalmaturity.model;

/**
 * One output table as a run left it.
 *
 * @param fingerprint digest of everything the table's contents depend on; equal fingerprints mean equal contents
 * @param recomputed  false when the run found the table already current and left it alone
 */
public record OutputRecord(String table, long deltaVersion, long rows, boolean recomputed, String fingerprint) {
}
