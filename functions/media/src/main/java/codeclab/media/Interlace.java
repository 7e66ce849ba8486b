package codeclab.media;

/** Field order as y4m's {@code I} tag states it. The samples are always stored as whole frames. */
public enum Interlace {
    PROGRESSIVE('p'), TOP_FIRST('t'), BOTTOM_FIRST('b'), MIXED('m'), UNKNOWN('?');

    private final char y4mCode;

    Interlace(char y4mCode) {
        this.y4mCode = y4mCode;
    }

    /** The letter after {@code I} in a y4m header. */
    public char y4mCode() {
        return y4mCode;
    }

    /** The value for a y4m {@code I} letter, or null when the letter is not one y4m defines. */
    public static Interlace fromY4m(char code) {
        for (Interlace i : values()) {
            if (i.y4mCode == code) {
                return i;
            }
        }
        return null;
    }
}
