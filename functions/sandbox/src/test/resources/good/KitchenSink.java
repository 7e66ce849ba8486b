package candidate;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntBinaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Uses the language features and library parts the allowlist promises, so it must pass verification. */
public final class KitchenSink implements Codec {

    enum Mode { INTRA, INTER }

    sealed interface Block permits Flat, Textured {
    }

    record Flat(int value) implements Block {
    }

    record Textured(int[] samples) implements Block {
    }

    static final class Stats implements Comparable<Stats>, AutoCloseable {
        long sum;

        @Override
        public int compareTo(Stats o) {
            return Long.compare(sum, o.sum);
        }

        @Override
        public void close() {
            sum = 0;
        }
    }

    private static final int[] ZIGZAG = IntStream.range(0, 16).map(i -> 15 - i).toArray();

    static int describe(Block b) {
        return switch (b) {
            case Flat f -> f.value();
            case Textured t -> t.samples().length;
        };
    }

    static int modeCost(Mode m) {
        switch (m) {
            case INTRA:
                return 1;
            case INTER:
                return 2;
            default:
                return 3;
        }
    }

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        assert quality >= MIN_QUALITY : "quality " + quality;
        Random rng = new Random(42L);
        Map<Mode, Integer> counts = new EnumMap<>(Mode.class);
        List<Integer> sizes = new ArrayList<>();
        IntBinaryOperator clamp = (v, max) -> Math.max(0, Math.min(max, v));
        return new Encoder() {
            final StringBuilder log = new StringBuilder();

            @Override
            public void encode(Frame frame) {
                try (Stats s = new Stats()) {
                    for (byte b : frame.y()) {
                        s.sum += b & 0xFF;
                    }
                    Block blk = s.sum % 2 == 0 ? new Flat((int) (s.sum & 0xFF)) : new Textured(new int[4]);
                    counts.merge(sizes.size() % 2 == 0 ? Mode.INTRA : Mode.INTER, 1, Integer::sum);
                    sizes.add(clamp.applyAsInt(describe(blk) + modeCost(Mode.INTRA), 255));
                    log.append(String.format("frame %d sum %d%n", sizes.size(), s.sum));
                }
                int[] copy = Arrays.copyOf(ZIGZAG, ZIGZAG.length);
                Arrays.sort(copy);
                Collections.sort(sizes, Comparator.reverseOrder());
                rng.nextInt(10);
            }

            @Override
            public byte[] finish() {
                Map<Integer, Long> hist = sizes.stream().collect(Collectors.groupingBy(i -> i, TreeMap::new, Collectors.counting()));
                Optional<Integer> first = sizes.stream().findFirst();
                String summary = hist + " " + first.orElse(-1) + " " + Objects.hash(counts) + new HashMap<>(counts).size();
                byte[] out = new byte[sizes.size() + 1];
                out[0] = (byte) summary.length();
                ArrayDeque<Integer> q = new ArrayDeque<>(sizes);
                for (int i = 1; i < out.length; i++) {
                    out[i] = (byte) (int) q.poll();
                }
                int[][] grid = new int[2][3];
                grid[1][2] = out.length;
                long[] cloned = new long[] {1, 2}.clone();
                System.out.println("summary " + summary + cloned.length + grid[1][2] + Mode.valueOf("INTRA").ordinal()
                        + Mode.values().length + new Flat(1).equals(new Flat(1)) + new Flat(2).hashCode());
                return out;
            }
        };
    }

    @Override
    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return () -> Frame.grey(header.width(), header.height());
    }
}
