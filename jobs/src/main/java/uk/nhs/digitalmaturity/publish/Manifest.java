package uk.nhs.digitalmaturity.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import uk.nhs.digitalmaturity.runrecord.PublishedFile;

/**
 * A publication pack's {@code manifest.json} as read back: the run that wrote the pack and every file with its
 * SHA-256 (written by {@link PublicationPack}).
 */
public record Manifest(String runId, String codeVersion, List<PublishedFile> files) {
    public static final String FILE = "manifest.json";

    /** The manifest of the pack in {@code folder}, or empty when the folder holds no pack. */
    public static Optional<Manifest> read(Configuration hadoop, String folder) {
        Path path = new Path(folder, FILE);
        try (InputStream in = path.getFileSystem(hadoop).open(path)) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<PublishedFile> files = new ArrayList<>();
            for (JsonNode f : root.path("files")) {
                files.add(new PublishedFile(f.path("file").asText(), f.path("sha256").asText(),
                        f.has("rows") ? f.get("rows").asLong() : null));
            }
            return Optional.of(new Manifest(root.path("run_id").asText(), root.path("code_version").asText(),
                    List.copyOf(files)));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
