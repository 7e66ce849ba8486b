package codeclab.core;

/**
 * How big a candidate codec is, measured from its class files at validate. Part of every result: bits in the
 * codec are bits the bitstream did not have to carry (CLIC counts the decoder's size too).
 *
 * @param classFileBytes   bytes of all its class files together
 * @param literalDataBytes constants in its bytecode (docs/SANDBOX.md, "Codec size"): string literals (modified
 *                         UTF-8 bytes), numbers by operand width (1 byte for iconst/bipush/iinc, 2 for sipush, 4
 *                         for int and float, 8 for long and double constants), switch keys, constant field values
 *                         and bootstrap arguments (string-concatenation recipes, record field names)
 */
public record CodecSize(long classFileBytes, long literalDataBytes) {

    public CodecSize {
        if (classFileBytes < 0 || literalDataBytes < 0) {
            throw new IllegalArgumentException("codec sizes cannot be negative: " + classFileBytes + ", " + literalDataBytes);
        }
    }
}
