package codeclab.codec.toolkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Group-of-pictures planning with hierarchical B-frames (as x264 b-pyramid / HEVC random access): anchors
 * (I every {@code keyInterval}, otherwise P predicted from the previous anchor) every {@code miniGop}
 * frames and at the last frame; the frames between two anchors are B-frames coded middle first, each
 * predicted from the nearest already-coded frames before and after it (bi-prediction:
 * {@link SubPel#average}). The encoder receives frames in display order, so it buffers up to a mini-GOP;
 * the decoder decodes in coding order and returns frames in display order. miniGop 1 = IPPP, no B-frames.
 */
public final class Gop {

    private Gop() {
    }

    /** Frame types. */
    public enum Type { I, P, B }

    /**
     * One frame in coding order: its display index, type, forward reference (display index, -1 for I),
     * backward reference (display index, B only, else -1), and its layer (0 for anchors, 1 for the middle B,
     * 2 for the quarter ones, ...; deeper layers are referenced less and can take a higher QP).
     */
    public record Picture(int display, Type type, int forward, int backward, int layer) {
    }

    /** The coding order for {@code frameCount} frames (see the class comment); miniGop and keyInterval >= 1. */
    public static List<Picture> hierarchical(int frameCount, int miniGop, int keyInterval) {
        if (frameCount < 1 || miniGop < 1 || keyInterval < 1) {
            throw new IllegalArgumentException("GOP needs frameCount, miniGop and keyInterval >= 1, got "
                    + frameCount + ", " + miniGop + ", " + keyInterval);
        }
        List<Picture> out = new ArrayList<>();
        out.add(new Picture(0, Type.I, -1, -1, 0));
        int prev = 0;
        while (prev < frameCount - 1) {
            int next = Math.min(prev + miniGop, frameCount - 1);
            // an I frame inside the span becomes the anchor, so B-frames never reference across it
            int key = (prev / keyInterval + 1) * keyInterval;
            if (key < next) {
                next = key;
            }
            boolean intra = next % keyInterval == 0;
            out.add(new Picture(next, intra ? Type.I : Type.P, intra ? -1 : prev, -1, 0));
            bFrames(prev, next, 1, out);
            prev = next;
        }
        return out;
    }

    private static void bFrames(int lo, int hi, int layer, List<Picture> out) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        out.add(new Picture(mid, Type.B, lo, hi, layer));
        bFrames(lo, mid, layer + 1, out);
        bFrames(mid, hi, layer + 1, out);
    }
}
