package codeclab.media;

/** Nominal sample range of a clip: limited ("TV", Y 16..235) or full ("PC", 0..255). */
public enum ColourRange {
    UNSPECIFIED, LIMITED, FULL
}
