package codeclab.planner.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prices by model id: lines {@code pattern = IN, OUT} (USD per million tokens), the first pattern contained in the
 * lower-cased model id wins, so specific names come before general ones ({@code gpt-4.1-mini} before {@code gpt-4.1}).
 * The defaults ({@code model-prices.properties} in this package) carry the date they were checked; a file of the
 * same format given with {@code --prices} is read before them.
 */
public final class PriceTable {

    private record Entry(String pattern, ModelPrice price) {
    }

    private final List<Entry> entries;

    private PriceTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The bundled defaults. */
    public static PriceTable defaults() {
        try (InputStream in = PriceTable.class.getResourceAsStream("model-prices.properties")) {
            if (in == null) {
                throw new IllegalStateException("model-prices.properties is missing from the planner jar; rebuild functions/planner");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default table");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled model-prices.properties", e);
        }
    }

    /** A prices file (same format as the defaults) in front of the defaults. */
    public static PriceTable withFile(Path file) {
        try {
            PriceTable own = parse(Files.readString(file), file.toString());
            List<Entry> all = new ArrayList<>(own.entries);
            all.addAll(defaults().entries);
            return new PriceTable(all);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read prices file " + file + ": " + e.getMessage());
        }
    }

    static PriceTable parse(String text, String origin) {
        String date = "undated";
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (String raw : text.split("\\R")) {
            n++;
            String line = raw.strip();
            if (line.startsWith("#") && line.toLowerCase(Locale.ROOT).contains("checked:")) {
                date = line.substring(line.toLowerCase(Locale.ROOT).indexOf("checked:") + 8).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(origin + " line " + n + ": expected 'model-pattern = IN, OUT', got '" + line + "'");
            }
            String pattern = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            try {
                entries.add(new Entry(pattern, ModelPrice.parse(line.substring(eq + 1), origin + ", " + date + ", '" + pattern + "'")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + " line " + n + ": " + e.getMessage());
            }
        }
        return new PriceTable(entries);
    }

    /** The price of {@code modelId}, or empty when no pattern matches. */
    public Optional<ModelPrice> find(String modelId) {
        String m = modelId.toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> m.contains(e.pattern())).map(Entry::price).findFirst();
    }

    /** The price of {@code modelId}; an unknown model is refused with what to do, never billed at a guess. */
    public ModelPrice require(String modelId) {
        return find(modelId).orElseThrow(() -> new IllegalArgumentException("no price known for model '" + modelId
                + "': give one with --price IN,OUT (USD per million tokens, e.g. --price 0,0 for a local server)"
                + " or --prices FILE (CDK context llmPrice / env CODEC_LAB_LLM_PRICE on AWS)"));
    }
}
