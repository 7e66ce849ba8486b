import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Adversarial corpus (issue 17): stores every sample, one byte each: the stream is never smaller than raw 4:2:0. */
public final class RawSized implements Codec {

    record Step(int value) {
    }

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        Step step = new Step(Math.max(1, (100 - quality) / 10));
        List<byte[]> chunks = new ArrayList<>();
        return new Encoder() {
            @Override
            public void encode(Frame frame) {
                for (int p = 0; p < 3; p++) {
                    byte[] plane = frame.plane(p).clone();
                    for (int i = 0; i < plane.length; i++) {
                        plane[i] = (byte) (((plane[i] & 0xFF) / step.value()) * step.value());
                    }
                    chunks.add(plane);
                }
            }

            @Override
            public byte[] finish() {
                int total = chunks.stream().mapToInt(c -> c.length).sum();
                byte[] out = new byte[total + 1];
                out[0] = (byte) step.value();
                int at = 1;
                for (byte[] c : chunks) {
                    System.arraycopy(c, 0, out, at, c.length);
                    at += c.length;
                }
                return out;
            }
        };
    }

    @Override
    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        int[] at = {1};
        return () -> {
            Frame f = Frame.blank(header.width(), header.height());
            for (int p = 0; p < 3; p++) {
                byte[] plane = f.plane(p);
                System.arraycopy(bitstream, at[0], plane, 0, plane.length);
                at[0] += plane.length;
            }
            String kind = switch (plane0(f)) {
                case 0 -> "black";
                default -> "other " + Arrays.hashCode(f.y());
            };
            return kind.isEmpty() ? null : f;
        };
    }

    private static int plane0(Frame f) {
        return f.y()[0];
    }
}
