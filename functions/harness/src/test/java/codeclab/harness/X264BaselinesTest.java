package codeclab.harness;

import codeclab.core.RdPoint;
import codeclab.media.Clip;
import codeclab.media.synthetic.SyntheticClips;
import codeclab.media.synthetic.SyntheticSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class X264BaselinesTest {

    @Test
    void measuresARealX264CurveAndCachesItByClipHash(@TempDir Path cache) throws Exception {
        Clip clip = SyntheticClips.generate("b", SyntheticSpec.of(176, 144, 6, 9));
        List<RdPoint> measured = new X264Baselines(cache).baseline(clip);

        assertThat(measured).extracting(RdPoint::quality).containsExactly(18.0, 23.0, 28.0, 33.0, 38.0);
        assertThat(measured).extracting(RdPoint::bytes).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(measured).extracting(RdPoint::psnrY).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(measured.get(0).psnrY()).isGreaterThan(measured.get(4).psnrY() + 5);
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .singleElement().asString().startsWith(clip.contentHash()).endsWith(".json");
        }
        // A fresh instance reads the cache instead of encoding again: same numbers, timings included.
        assertThat(new X264Baselines(cache).baseline(clip)).isEqualTo(measured);
    }
}
