package codeclab.codec.reference;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.codec.toolkit.BitReader;
import codeclab.codec.toolkit.BitWriter;
import codeclab.codec.toolkit.BitstreamException;
import codeclab.codec.toolkit.Dct;
import codeclab.codec.toolkit.Plane;
import codeclab.codec.toolkit.Planes;
import codeclab.codec.toolkit.Quant;
import codeclab.codec.toolkit.ZigZag;

/**
 * Reference codec 1, intra only (a baseline-JPEG-like design): every frame and plane is cut into 8x8
 * blocks (edges repeated), each block is transformed with the integer DCT, quantised with a flat step
 * derived from the quality, scanned in zig-zag order and written with Exp-Golomb codes: the DC as a
 * difference from the previous block's DC, then the number of non-zero AC levels and (run, level) pairs.
 *
 * <p>Bitstream: byte 'J', quality (7 bits, padded to a byte), then the frames back to back.
 * Ideas to improve it: a perceptual or RD-tuned matrix, adaptive entropy coding, intra prediction,
 * deblocking, larger transforms on flat areas, inter prediction.
 */
public class IntraDctCodec implements Codec {

    private static final int MAGIC = 'J';
    private static final int N = 8;

    public IntraDctCodec() {
    }

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new IntraEncoder(Math.max(MIN_QUALITY, Math.min(MAX_QUALITY, quality)));
    }

    @Override
    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return new IntraDecoder(header, bitstream);
    }

    /** The step for each plane; chroma gets a slightly finer step since it is cheap. */
    private static double step(int quality, int plane) {
        double s = Quant.qualityToStep(quality);
        return plane == 0 ? s : s * 0.9;
    }

    private static final class IntraEncoder implements Encoder {
        private final BitWriter out = new BitWriter();
        private final int quality;
        private final int[] block = new int[N * N];
        private final int[] coefs = new int[N * N];
        private final int[] levels = new int[N * N];
        private final int[] scanned = new int[N * N];

        IntraEncoder(int quality) {
            this.quality = quality;
            out.writeBits(MAGIC, 8);
            out.writeBits(quality, 7);
            out.alignToByte();
        }

        @Override
        public void encode(Frame frame) {
            for (int p = 0; p < 3; p++) {
                encodePlane(Plane.of(frame, p), step(quality, p));
            }
        }

        private void encodePlane(Plane plane, double step) {
            int prevDc = 0;
            for (int y = 0; y < plane.height(); y += N) {
                for (int x = 0; x < plane.width(); x += N) {
                    Planes.getBlock(plane, x, y, N, N, block);
                    for (int i = 0; i < block.length; i++) {
                        block[i] -= 128;
                    }
                    Dct.forward(block, coefs, N);
                    Quant.quantizeBlock(coefs, levels, step, null, Quant.INTRA_ROUNDING);
                    ZigZag.scan(levels, scanned, N);
                    out.writeSe(scanned[0] - prevDc);
                    prevDc = scanned[0];
                    int nonZero = 0;
                    for (int i = 1; i < N * N; i++) {
                        if (scanned[i] != 0) {
                            nonZero++;
                        }
                    }
                    out.writeUe(nonZero);
                    int run = 0;
                    for (int i = 1; i < N * N; i++) {
                        int l = scanned[i];
                        if (l == 0) {
                            run++;
                            continue;
                        }
                        out.writeUe(run);
                        out.writeUe(Math.abs(l) - 1);
                        out.writeBit(l < 0 ? 1 : 0);
                        run = 0;
                    }
                }
            }
        }

        @Override
        public byte[] finish() {
            return out.toByteArray();
        }
    }

    private static final class IntraDecoder implements Decoder {
        private final StreamHeader header;
        private final BitReader in;
        private final int quality;
        private int decoded;
        private final int[] scanned = new int[N * N];
        private final int[] levels = new int[N * N];
        private final int[] coefs = new int[N * N];
        private final int[] block = new int[N * N];

        IntraDecoder(StreamHeader header, byte[] bitstream) {
            this.header = header;
            this.in = new BitReader(bitstream);
            if (in.readBits(8) != MAGIC) {
                throw new BitstreamException("not an IntraDctCodec stream: bad magic byte");
            }
            this.quality = in.readBits(7);
            in.alignToByte();
            if (quality > MAX_QUALITY) {
                throw new BitstreamException("quality " + quality + " in the stream is above " + MAX_QUALITY);
            }
        }

        @Override
        public Frame decode() {
            if (decoded++ >= header.frameCount()) {
                throw new IllegalStateException("all " + header.frameCount() + " frames were already decoded");
            }
            Frame frame = Frame.blank(header.width(), header.height());
            for (int p = 0; p < 3; p++) {
                decodePlane(Plane.of(frame, p), step(quality, p));
            }
            return frame;
        }

        private void decodePlane(Plane plane, double step) {
            int prevDc = 0;
            for (int y = 0; y < plane.height(); y += N) {
                for (int x = 0; x < plane.width(); x += N) {
                    java.util.Arrays.fill(scanned, 0);
                    prevDc += in.readSe();
                    scanned[0] = prevDc;
                    int nonZero = in.readUe();
                    if (nonZero > N * N - 1) {
                        throw new BitstreamException("block has " + nonZero + " AC levels; at most 63 fit");
                    }
                    int pos = 0;
                    for (int k = 0; k < nonZero; k++) {
                        pos += in.readUe() + 1;
                        if (pos >= N * N) {
                            throw new BitstreamException("AC run goes past the end of the block");
                        }
                        int magnitude = in.readUe() + 1;
                        scanned[pos] = in.readBit() == 1 ? -magnitude : magnitude;
                    }
                    ZigZag.unscan(scanned, levels, N);
                    Quant.dequantizeBlock(levels, coefs, step, null);
                    Dct.inverse(coefs, block, N);
                    for (int i = 0; i < block.length; i++) {
                        block[i] += 128;
                    }
                    Planes.putBlock(plane, x, y, N, N, block);
                }
            }
        }
    }
}
