package codeclab.media;

import java.util.List;
import java.util.Objects;

/**
 * What a clip carries besides its samples. None of it enters {@link Clip#contentHash()}.
 *
 * @param colourRange nominal sample range
 * @param interlace   field order (y4m {@code I}); null when the source did not say
 * @param chroma      y4m chroma tag without the {@code C} ("420jpeg", "420mpeg2", "420paldv", "420"); null = not stated
 * @param aspect      pixel aspect ratio as y4m writes it ("1:1", "0:0"); null = not stated
 * @param extraTags   other y4m {@code X} tags, verbatim without the {@code X} (e.g. "YSCSS=420JPEG"), in order
 * @param source      where the clip came from: "synthetic", or the imported file's name
 */
public record ClipMetadata(ColourRange colourRange, Interlace interlace, String chroma, String aspect,
                           List<String> extraTags, String source) {

    public ClipMetadata {
        Objects.requireNonNull(colourRange, "colourRange");
        extraTags = List.copyOf(extraTags);
        Objects.requireNonNull(source, "source");
    }

    /** Metadata for a clip that states nothing but where it came from. */
    public static ClipMetadata of(String source) {
        return new ClipMetadata(ColourRange.UNSPECIFIED, null, null, null, List.of(), source);
    }

    public ClipMetadata withSource(String newSource) {
        return new ClipMetadata(colourRange, interlace, chroma, aspect, extraTags, newSource);
    }
}
