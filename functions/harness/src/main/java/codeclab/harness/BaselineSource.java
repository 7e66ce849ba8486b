package codeclab.harness;

import codeclab.core.RdPoint;
import codeclab.media.Clip;

import java.util.List;

/** The x264 RD curve of a clip, measured by the harness on the same frames the candidate sees. */
@FunctionalInterface
public interface BaselineSource {

    List<RdPoint> baseline(Clip clip);
}
