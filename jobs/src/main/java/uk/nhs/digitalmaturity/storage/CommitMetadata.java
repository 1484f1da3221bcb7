package uk.nhs.digitalmaturity.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;

/**
 * What every Delta commit of a run carries in its {@code userMetadata}: the run id, the commit the code was
 * built from, and the as-at date, as JSON, so that {@code DESCRIBE HISTORY} ties each table version to a run.
 */
public record CommitMetadata(@JsonProperty("run_id") String runId, @JsonProperty("git_commit") String gitCommit,
                             @JsonProperty("as_at") String asAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public CommitMetadata(String runId, String gitCommit, LocalDate asAt) {
        this(runId, gitCommit, asAt.toString());
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
