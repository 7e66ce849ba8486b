package codeclab.media;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClipTest {

    @Test
    void contentHashIsStableAndIgnoresNameAndMetadata() {
        Clip a = TestClips.patternedClip("a", 16, 8, 3, ClipMetadata.of("x"));
        Clip b = TestClips.patternedClip("b", 16, 8, 3, ClipMetadata.of("y"));
        assertThat(a.contentHash()).hasSize(64).isEqualTo(b.contentHash()).isEqualTo(a.contentHash());
    }

    @Test
    void contentHashChangesWithOneSampleOrTheFrameRate() {
        Clip a = TestClips.patternedClip("a", 16, 8, 3, ClipMetadata.of("x"));
        Frame changed = a.frames().get(2).copy();
        changed.v()[5]++;
        Clip b = Clip.of("a", List.of(a.frames().get(0), a.frames().get(1), changed), 30, 1, a.metadata());
        Clip c = Clip.of("a", a.frames(), 25, 1, a.metadata());
        assertThat(b.contentHash()).isNotEqualTo(a.contentHash());
        assertThat(c.contentHash()).isNotEqualTo(a.contentHash());
    }

    @Test
    void knownAnswerHashOfOneGreyFrame() {
        // sha256 of ints 2,2,1,1,1 (big-endian) followed by 6 bytes of 0x80, computed independently with sha256sum
        Clip c = Clip.of("g", List.of(Frame.grey(2, 2)), 1, 1, ClipMetadata.of("t"));
        assertThat(c.contentHash()).isEqualTo(KNOWN_GREY_HASH);
    }

    static final String KNOWN_GREY_HASH = "5afc7d79468fa0bf02c7377a319fe34583a190968051cde53e13c056ab66f25f";

    @Test
    void rejectsAFrameCountThatDisagreesWithTheHeader() {
        assertThatThrownBy(() -> new Clip("x", new StreamHeader(2, 2, 2, 1, 1), List.of(Frame.grey(2, 2)), ClipMetadata.of("t")))
                .hasMessageContaining("header says 2 frames, got 1");
    }
}
