package codeclab.media.y4m;

import codeclab.codec.StreamHeader;
import codeclab.media.ClipMetadata;
import codeclab.media.ColourRange;
import codeclab.media.Interlace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The stream header of a YUV4MPEG2 file. Only 4:2:0 is supported: {@code C420}, {@code C420jpeg},
 * {@code C420mpeg2}, {@code C420paldv}, or no {@code C} tag (which y4m defines as 420jpeg).
 *
 * @param chroma      the C tag's value without "C", or null when absent (written back as absent)
 * @param interlace   the I tag, or null when absent
 * @param aspect      the A tag's value ("1:1"), or null when absent
 * @param colourRange from {@code XCOLORRANGE=FULL|LIMITED}; UNSPECIFIED when absent
 * @param extraTags   every other X tag's value without the "X", in file order
 */
public record Y4mHeader(int width, int height, int fpsNum, int fpsDen, Interlace interlace, String aspect,
                        String chroma, ColourRange colourRange, List<String> extraTags) {

    /** The chroma tags this project reads and writes. */
    public static final Set<String> SUPPORTED_CHROMA = Set.of("420", "420jpeg", "420mpeg2", "420paldv");

    public Y4mHeader {
        if (width < 2 || height < 2 || width > StreamHeader.MAX_DIMENSION || height > StreamHeader.MAX_DIMENSION) {
            throw new IllegalArgumentException("size " + width + "x" + height + " is outside 2.." + StreamHeader.MAX_DIMENSION);
        }
        if ((width & 1) != 0 || (height & 1) != 0) {
            throw new IllegalArgumentException("odd dimensions " + width + "x" + height + " (4:2:0 needs even width and height)");
        }
        if (fpsNum < 1 || fpsDen < 1) {
            throw new IllegalArgumentException("frame rate " + fpsNum + ":" + fpsDen + " must be positive");
        }
        if (chroma != null && !SUPPORTED_CHROMA.contains(chroma)) {
            throw new IllegalArgumentException("unsupported colourspace C" + chroma + " (only 8-bit 4:2:0: C420, C420jpeg, C420mpeg2, C420paldv)");
        }
        if (colourRange == null) {
            colourRange = ColourRange.UNSPECIFIED;
        }
        extraTags = List.copyOf(extraTags);
    }

    /** The header a y4m file for {@code header} and {@code metadata} gets. */
    public static Y4mHeader of(StreamHeader header, ClipMetadata metadata) {
        return new Y4mHeader(header.width(), header.height(), header.fpsNum(), header.fpsDen(),
                metadata.interlace(), metadata.aspect(), metadata.chroma(), metadata.colourRange(), metadata.extraTags());
    }

    /** Bytes of one frame's samples (without the FRAME line). */
    public int frameBytes() {
        return width * height * 3 / 2;
    }

    /** Clip metadata for this header with the given source. */
    public ClipMetadata metadata(String source) {
        return new ClipMetadata(colourRange, interlace, chroma, aspect, extraTags, source);
    }

    /** The header line, including its terminating newline. */
    public String toLine() {
        List<String> tags = new ArrayList<>();
        tags.add("YUV4MPEG2");
        tags.add("W" + width);
        tags.add("H" + height);
        tags.add("F" + fpsNum + ":" + fpsDen);
        if (interlace != null) {
            tags.add("I" + interlace.y4mCode());
        }
        if (aspect != null) {
            tags.add("A" + aspect);
        }
        if (chroma != null) {
            tags.add("C" + chroma);
        }
        if (colourRange != ColourRange.UNSPECIFIED) {
            tags.add("XCOLORRANGE=" + colourRange.name());
        }
        for (String x : extraTags) {
            tags.add("X" + x);
        }
        return String.join(" ", tags) + "\n";
    }
}
