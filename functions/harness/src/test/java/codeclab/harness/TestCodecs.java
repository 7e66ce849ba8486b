package codeclab.harness;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Small codecs with known behaviour, for harness tests. */
final class TestCodecs {

    private TestCodecs() {
    }

    /** Keeps the top {@code bits} bits of every sample, bits = 1 + quality / 15 (1..7); stores planes packed as bytes. */
    static final class Truncating implements Codec {
        @Override
        public Encoder encoder(StreamHeader h, int quality) {
            int bits = 1 + quality / 15;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bits);
            return new Encoder() {
                @Override
                public void encode(Frame f) {
                    for (int p = 0; p < 3; p++) {
                        packed(f.plane(p), bits, out);
                    }
                }

                @Override
                public byte[] finish() {
                    return out.toByteArray();
                }
            };
        }

        private static void packed(byte[] plane, int bits, ByteArrayOutputStream out) {
            long acc = 0;
            int n = 0;
            for (byte b : plane) {
                acc = (acc << bits) | ((b & 0xFF) >> (8 - bits));
                n += bits;
                while (n >= 8) {
                    out.write((int) (acc >> (n - 8)));
                    n -= 8;
                }
            }
            if (n > 0) {
                out.write((int) (acc << (8 - n)));
            }
        }

        @Override
        public Decoder decoder(StreamHeader h, byte[] bits) {
            int depth = bits[0];
            int[] pos = {8}; // bit position
            return () -> {
                Frame f = Frame.blank(h.width(), h.height());
                for (int p = 0; p < 3; p++) {
                    byte[] plane = f.plane(p);
                    for (int i = 0; i < plane.length; i++) {
                        int v = 0;
                        for (int k = 0; k < depth; k++) {
                            int bit = (bits[pos[0] >> 3] >> (7 - (pos[0] & 7))) & 1;
                            v = (v << 1) | bit;
                            pos[0]++;
                        }
                        plane[i] = (byte) ((v << (8 - depth)) | (1 << (7 - depth)));
                    }
                    pos[0] = (pos[0] + 7) & ~7;
                }
                return f;
            };
        }
    }

    /** Writes nothing; the decoder returns grey frames. */
    static final class ZeroBytes implements Codec {
        @Override
        public Encoder encoder(StreamHeader h, int quality) {
            return new Encoder() {
                @Override
                public void encode(Frame f) {
                }

                @Override
                public byte[] finish() {
                    return new byte[0];
                }
            };
        }

        @Override
        public Decoder decoder(StreamHeader h, byte[] bits) {
            return () -> Frame.grey(h.width(), h.height());
        }
    }

    /** Writes the same 16 bytes whatever the input; decodes a constant. */
    static final class Constant implements Codec {
        @Override
        public Encoder encoder(StreamHeader h, int quality) {
            return new Encoder() {
                @Override
                public void encode(Frame f) {
                }

                @Override
                public byte[] finish() {
                    byte[] b = new byte[16];
                    Arrays.fill(b, (byte) 7);
                    return b;
                }
            };
        }

        @Override
        public Decoder decoder(StreamHeader h, byte[] bits) {
            return () -> {
                Frame f = Frame.grey(h.width(), h.height());
                Arrays.fill(f.y(), bits[0]);
                return f;
            };
        }
    }

    /** Overwrites its input with grey and "decodes" grey: must not fool the harness. */
    static final class Scribbler implements Codec {
        @Override
        public Encoder encoder(StreamHeader h, int quality) {
            return new Encoder() {
                @Override
                public void encode(Frame f) {
                    Arrays.fill(f.y(), (byte) 128);
                    Arrays.fill(f.u(), (byte) 128);
                    Arrays.fill(f.v(), (byte) 128);
                }

                @Override
                public byte[] finish() {
                    return new byte[]{1};
                }
            };
        }

        @Override
        public Decoder decoder(StreamHeader h, byte[] bits) {
            return () -> Frame.grey(h.width(), h.height());
        }
    }

    /** Decodes one frame too few, or frames of the wrong size. */
    static final class WrongOutput implements Codec {
        private final boolean wrongSize;

        WrongOutput(boolean wrongSize) {
            this.wrongSize = wrongSize;
        }

        @Override
        public Encoder encoder(StreamHeader h, int quality) {
            return new ZeroBytes().encoder(h, quality);
        }

        @Override
        public Decoder decoder(StreamHeader h, byte[] bits) {
            int[] n = {0};
            return () -> wrongSize ? Frame.grey(h.width() / 2, h.height() / 2)
                    : (++n[0] < h.frameCount() ? Frame.grey(h.width(), h.height()) : null);
        }
    }
}
