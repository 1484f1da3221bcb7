package uk.nhs.digitalmaturity.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import uk.nhs.digitalmaturity.contract.Sha256;

/**
 * The files of {@code sql/}, as packaged in the jar (the build copies the repository's {@code sql/} folder
 * verbatim, so what runs is what an auditor reads).
 */
public final class SqlResources {
    private SqlResources() {
    }

    /** File names in a folder of {@code sql/}, sorted. */
    public static List<String> list(String folder) {
        URL url = SqlResources.class.getClassLoader().getResource("sql/" + folder);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return names(fs.provider().getPath(uri));
            }
            return names(Path.of(uri));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list sql/" + folder + ": " + e.getMessage(), e);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    public static String read(String relative) {
        try (InputStream in = SqlResources.class.getClassLoader().getResourceAsStream("sql/" + relative)) {
            if (in == null) {
                throw new IllegalStateException("missing sql/" + relative);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sql/" + relative, e);
        }
    }

    /** SHA-256 over every file of sql/ (names and contents, sorted): the metric code's identity. */
    public static String digest() {
        List<String> all = new ArrayList<>();
        for (String folder : List.of("ingest", "silver", "reporting", "restricted")) {
            list(folder).forEach(name -> all.add(folder + "/" + name));
        }
        Sha256.Texts sha = Sha256.texts();
        for (String file : all) {
            sha.add(file).add(read(file));
        }
        return sha.hex();
    }
}
