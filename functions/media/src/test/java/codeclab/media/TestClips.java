package codeclab.media;

import codeclab.codec.Frame;

import java.util.ArrayList;
import java.util.List;

/** Small hand-made clips for tests: every sample depends on its position, plane and frame index. */
public final class TestClips {

    private TestClips() {
    }

    public static Frame patterned(int w, int h, int index) {
        Frame f = Frame.blank(w, h);
        for (int p = 0; p < 3; p++) {
            byte[] plane = f.plane(p);
            int pw = f.planeWidth(p);
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (byte) ((i % pw) * 3 + (i / pw) * 5 + index * 7 + p * 40);
            }
        }
        return f;
    }

    public static Clip patternedClip(String name, int w, int h, int frames, ClipMetadata meta) {
        List<Frame> list = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            list.add(patterned(w, h, i));
        }
        return Clip.of(name, list, 30, 1, meta);
    }
}
