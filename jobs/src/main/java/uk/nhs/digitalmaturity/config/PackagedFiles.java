package uk.nhs.digitalmaturity.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files the build packs into the jar as they are in the repository ({@code sql/}, the metric code's sources,
 * the defaults), found through a class loader: in the jar when running from it, in the build folder in tests.
 */
final class PackagedFiles {
    private PackagedFiles() {
    }

    /** Every file under {@code root}, as paths relative to it ({@code stats/Distribution.java}), sorted. */
    static List<String> tree(String root) {
        return tree(PackagedFiles.class.getClassLoader(), root);
    }

    static List<String> tree(ClassLoader loader, String root) {
        URL url = loader.getResource(root);
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
                return relative(fs.provider().getPath(uri));
            }
            return relative(Path.of(uri));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static List<String> relative(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            // "/" on every platform and inside a jar: the names are part of a digest.
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    static byte[] read(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path + " in the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
