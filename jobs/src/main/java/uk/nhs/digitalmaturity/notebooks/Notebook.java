package uk.nhs.digitalmaturity.notebooks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Jupyter notebook, nbformat 4.4, built cell by cell and written as Jupyter itself writes one: keys sorted,
 * one-space indent, {@code ": "} between key and value, multi-line strings as lists of lines, UTF-8 unescaped,
 * a final newline. Code cells are numbered 1, 2, … in order, so the same content always gives the same bytes.
 */
public final class Notebook {
    public static final int NBFORMAT = 4;
    public static final int NBFORMAT_MINOR = 4;

    private final List<Map<String, Object>> cells = new ArrayList<>();
    private final Map<String, Object> metadata = new TreeMap<>();
    private int executionCount;

    public Notebook(Map<String, Object> extraMetadata) {
        Map<String, Object> kernel = new TreeMap<>();
        kernel.put("name", "sparksql");
        kernel.put("display_name", "Spark SQL");
        kernel.put("language", "sql");
        metadata.put("kernelspec", kernel);
        Map<String, Object> language = new TreeMap<>();
        language.put("name", "sql");
        language.put("file_extension", ".sql");
        language.put("mimetype", "text/x-sql");
        metadata.put("language_info", language);
        metadata.putAll(extraMetadata);
    }

    /** A markdown cell. */
    public Notebook markdown(String text) {
        Map<String, Object> cell = new TreeMap<>();
        cell.put("cell_type", "markdown");
        cell.put("metadata", new TreeMap<>());
        cell.put("source", lines(text));
        cells.add(cell);
        return this;
    }

    /**
     * A code cell that was run: its outputs are what the query gave. Results ({@link Output#result}) carry the
     * cell's execution count.
     */
    public Notebook executed(String source, List<Output> outputs) {
        int count = ++executionCount;
        List<Object> out = new ArrayList<>();
        for (Output o : outputs) {
            out.add(o.toMap(count));
        }
        cells.add(code(source, count, out));
        return this;
    }

    /** A code cell shown but not run (its table is not in the lakehouse yet). */
    public Notebook notExecuted(String source) {
        cells.add(code(source, null, new ArrayList<>()));
        return this;
    }

    private static Map<String, Object> code(String source, Integer count, List<Object> outputs) {
        Map<String, Object> cell = new TreeMap<>();
        cell.put("cell_type", "code");
        cell.put("execution_count", count);
        cell.put("metadata", new TreeMap<>());
        cell.put("outputs", outputs);
        cell.put("source", lines(source));
        return cell;
    }

    public byte[] toJson() {
        Map<String, Object> root = new TreeMap<>();
        root.put("cells", cells);
        root.put("metadata", metadata);
        root.put("nbformat", NBFORMAT);
        root.put("nbformat_minor", NBFORMAT_MINOR);
        try {
            String text = JSON.writer(new JupyterPrettyPrinter()).writeValueAsString(root);
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise notebook", e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Jupyter's multi-line string: a list of lines, each but the last ending in a newline. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** One output of a code cell. */
    public static final class Output {
        private final String type;
        private final Map<String, Object> data;
        private final Map<String, Object> metadata;

        private Output(String type, Map<String, Object> data, Map<String, Object> metadata) {
            this.type = type;
            this.data = data;
            this.metadata = metadata;
        }

        /** The cell's result: a table as HTML and as plain text. */
        public static Output result(String html, String plain) {
            Map<String, Object> data = new TreeMap<>();
            data.put("text/html", lines(html));
            data.put("text/plain", lines(plain));
            return new Output("execute_result", data, new TreeMap<>());
        }

        /** A chart: the PNG (base64), a text alternative, and the chart's own numbers in the metadata. */
        public static Output image(String pngBase64, int width, int height, String alt, Map<String, Object> chartData) {
            Map<String, Object> data = new TreeMap<>();
            data.put("image/png", pngBase64);
            data.put("text/plain", lines(alt));
            Map<String, Object> size = new TreeMap<>();
            size.put("width", width);
            size.put("height", height);
            Map<String, Object> metadata = new TreeMap<>();
            metadata.put("image/png", size);
            metadata.put(NotebookExport.METADATA_KEY, Map.of("chart", chartData));
            return new Output("display_data", data, metadata);
        }

        /** A line of text on the cell's standard output. */
        public static Output stream(String text) {
            return new Output("stream", Map.of("text", text), Map.of());
        }

        Map<String, Object> toMap(int executionCount) {
            Map<String, Object> m = new TreeMap<>();
            m.put("output_type", type);
            if (type.equals("stream")) {
                m.put("name", "stdout");
                m.put("text", lines((String) data.get("text")));
                return m;
            }
            m.put("data", data);
            m.put("metadata", metadata);
            if (type.equals("execute_result")) {
                m.put("execution_count", executionCount);
            }
            return m;
        }
    }

    /**
     * Python's {@code json.dumps(indent=1, separators=(",", ": "))}, as nbformat writes notebooks: empty
     * containers as {@code []} and {@code {}}, every other value on its own line.
     */
    static final class JupyterPrettyPrinter implements PrettyPrinter {
        private int depth;

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            for (int i = 0; i < depth; i++) {
                g.writeRaw(' ');
            }
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            depth--;
            if (entries > 0) {
                newline(g);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            depth--;
            if (values > 0) {
                newline(g);
            }
            g.writeRaw(']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g);
        }
    }
}
