package codeclab.sandbox;

import codeclab.codec.Frame;
import codeclab.sandbox.ChildProcessRunner.DecoderIsolation;
import codeclab.sandbox.compile.CandidateCompiler;
import codeclab.sandbox.run.RuntimeClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, attack 1: a decoder that keeps its last reconstruction in a static field while the encoder sends only
 * a refinement at each higher quality. With a fresh decoder JVM per bitstream it gains nothing over its honest
 * control (the same codec, every stream self-contained); with the old shared decoder JVM it did.
 */
class FreshDecoderTest {

    static final List<Integer> QUALITIES = List.of(20, 50, 80, 95);

    /**
     * Quantises each sample (step falls with quality) and codes the residual against a base with signed Exp-Golomb
     * codes. LAYERED: the base is the last reconstruction, kept in a static by encoder and decoder alike, so a higher
     * quality sends only a refinement. Control: the base is always mid-grey.
     */
    static final String TEMPLATE = """
            import codeclab.codec.*;
            public final class %1$s implements Codec {
                static final boolean LAYERED = %2$s;
                static byte[][] encLast;   // the encoder's last reconstruction, per frame
                static byte[][] decLast;   // the decoder's: what the trick relies on
                static int step(int q) { return Math.max(1, (100 - q) / 4); }

                public Encoder encoder(StreamHeader h, int q) {
                    int frameBytes = h.width() * h.height() * 3 / 2;
                    return new Encoder() {
                        final Bits out = new Bits();
                        int frame;
                        final byte[][] recon = new byte[h.frameCount()][];
                        public void encode(Frame f) {
                            byte[] src = concat(f);
                            byte[] base = LAYERED && encLast != null ? encLast[frame] : null;
                            byte[] rec = new byte[frameBytes];
                            int s = step(q);
                            for (int i = 0; i < frameBytes; i++) {
                                int b = base == null ? 128 : base[i] & 0xFF;
                                int r = Math.round(((src[i] & 0xFF) - b) / (float) s);
                                out.se(r);
                                rec[i] = (byte) Math.max(0, Math.min(255, b + r * s));
                            }
                            recon[frame++] = rec;
                        }
                        public byte[] finish() {
                            encLast = recon;
                            byte[] body = out.bytes();
                            byte[] all = new byte[body.length + 1];
                            all[0] = (byte) q;
                            System.arraycopy(body, 0, all, 1, body.length);
                            return all;
                        }
                    };
                }

                public Decoder decoder(StreamHeader h, byte[] bits) {
                    int frameBytes = h.width() * h.height() * 3 / 2;
                    int s = step(bits[0] & 0xFF);
                    Bits in = new Bits(bits, 1);
                    byte[][] recon = new byte[h.frameCount()][];
                    byte[][] base = LAYERED ? decLast : null;
                    decLast = recon;
                    return new Decoder() {
                        int frame;
                        public Frame decode() {
                            byte[] rec = new byte[frameBytes];
                            for (int i = 0; i < frameBytes; i++) {
                                int b = base == null ? 128 : base[frame][i] & 0xFF;
                                rec[i] = (byte) Math.max(0, Math.min(255, b + in.se() * s));
                            }
                            recon[frame++] = rec;
                            Frame f = Frame.blank(h.width(), h.height());
                            System.arraycopy(rec, 0, f.y(), 0, f.y().length);
                            System.arraycopy(rec, f.y().length, f.u(), 0, f.u().length);
                            System.arraycopy(rec, f.y().length + f.u().length, f.v(), 0, f.v().length);
                            return f;
                        }
                    };
                }

                static byte[] concat(Frame f) {
                    byte[] all = new byte[f.y().length + f.u().length + f.v().length];
                    System.arraycopy(f.y(), 0, all, 0, f.y().length);
                    System.arraycopy(f.u(), 0, all, f.y().length, f.u().length);
                    System.arraycopy(f.v(), 0, all, f.y().length + f.u().length, f.v().length);
                    return all;
                }

                /** Signed Exp-Golomb codes, MSB first. */
                static final class Bits {
                    byte[] buf; int bit;
                    Bits() { buf = new byte[1024]; }
                    Bits(byte[] b, int offset) { buf = b; bit = offset * 8; }
                    void put(int b) {
                        if (bit / 8 >= buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                        if (b != 0) buf[bit / 8] |= (byte) (0x80 >>> (bit %% 8));
                        bit++;
                    }
                    int get() { int b = (buf[bit / 8] >>> (7 - bit %% 8)) & 1; bit++; return b; }
                    void se(int v) {
                        int u = v <= 0 ? -2 * v : 2 * v - 1;
                        int x = u + 1, n = 31 - Integer.numberOfLeadingZeros(x);
                        for (int i = 0; i < n; i++) put(0);
                        for (int i = n; i >= 0; i--) put((x >>> i) & 1);
                    }
                    int se() {
                        int n = 0;
                        while (get() == 0) n++;
                        int x = 1;
                        for (int i = 0; i < n; i++) x = (x << 1) | get();
                        int u = x - 1;
                        return (u & 1) == 1 ? (u + 1) / 2 : -(u / 2);
                    }
                    byte[] bytes() { return java.util.Arrays.copyOf(buf, (bit + 7) / 8); }
                }
            }
            """;

    @TempDir
    static Path workRoot;
    static SandboxConfig config;
    static CompiledCodec layered;
    static CompiledCodec control;

    @BeforeAll
    static void compile() throws Exception {
        config = SandboxConfig.defaults().withHeapMb(64).withTimeout(Duration.ofSeconds(20)).withWorkRoot(workRoot);
        CandidateCompiler compiler = new CandidateCompiler(config, RuntimeClasses.directory(workRoot, config.excludedCodecPackages()));
        layered = compiler.compile(TEMPLATE.formatted("Layered", "true"));
        control = compiler.compile(TEMPLATE.formatted("Control", "false"));
        // Both are ordinary candidates: the verifier accepts them.
        Validator v = new Validator(config);
        assertThat(v.compileAndVerify(TEMPLATE.formatted("Layered", "true")).className()).isEqualTo("Layered");
    }

    /** (bytes, PSNR over all planes) per quality point, in sweep order. */
    static List<double[]> curve(ChildProcessRunner runner, CompiledCodec codec) throws RunFailure {
        List<Frame> clip = Validator.smokeClip();
        List<CodecRunner.Encoded> enc = runner.encode(codec, Validator.SMOKE_HEADER, clip, QUALITIES);
        List<CodecRunner.Decoded> dec = runner.decode(codec, Validator.SMOKE_HEADER,
                enc.stream().map(CodecRunner.Encoded::bitstream).toList());
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < enc.size(); i++) {
            out.add(new double[] {enc.get(i).bitstream().length, psnr(clip, dec.get(i).frames())});
        }
        return out;
    }

    static double psnr(List<Frame> ref, List<Frame> dist) {
        double se = 0;
        long n = 0;
        for (int f = 0; f < ref.size(); f++) {
            for (int p = 0; p < 3; p++) {
                byte[] a = ref.get(f).plane(p);
                byte[] b = dist.get(f).plane(p);
                for (int i = 0; i < a.length; i++) {
                    double d = (a[i] & 0xFF) - (b[i] & 0xFF);
                    se += d * d;
                    n++;
                }
            }
        }
        return se == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 * n / se);
    }

    /**
     * True when the control does at least as well at {@code point}'s rate: on or above the control's piecewise-linear
     * RD curve, which starts at "send nothing, show mid-grey" (0 bytes); between two operating points a codec can
     * always mix them frame by frame, so the line between them is reachable.
     */
    static boolean dominated(double[] point, List<double[]> control) {
        List<double[]> curve = new ArrayList<>();
        curve.add(new double[] {0, psnr(Validator.smokeClip(), greyClip())});
        curve.addAll(control);
        curve.sort(java.util.Comparator.comparingDouble(c -> c[0]));
        double reach = curve.get(curve.size() - 1)[1];
        for (int i = 1; i < curve.size(); i++) {
            double[] a = curve.get(i - 1);
            double[] b = curve.get(i);
            if (point[0] <= b[0]) {
                reach = a[1] + (b[1] - a[1]) * (point[0] - a[0]) / Math.max(1e-9, b[0] - a[0]);
                break;
            }
        }
        return point[1] <= reach + 0.01;
    }

    static List<Frame> greyClip() {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < Validator.SMOKE_HEADER.frameCount(); i++) {
            Frame f = Frame.blank(Validator.SMOKE_HEADER.width(), Validator.SMOKE_HEADER.height());
            for (int p = 0; p < 3; p++) {
                java.util.Arrays.fill(f.plane(p), (byte) 128);
            }
            out.add(f);
        }
        return out;
    }

    @Test
    void withTheOldSharedDecoderTheLayeredCodecBeatsItsControl() throws Exception {
        ChildProcessRunner shared = new ChildProcessRunner(config, DecoderIsolation.SHARED);
        List<double[]> cheat = curve(shared, layered);
        List<double[]> honest = curve(shared, control);
        // The attack as it was: the higher points cost fewer bytes for the same quality.
        assertThat(cheat).anyMatch(p -> !dominated(p, honest));
        assertThat(cheat.get(3)[1]).isCloseTo(honest.get(3)[1], org.assertj.core.data.Offset.offset(1.0));
        assertThat(cheat.get(3)[0]).isLessThan(honest.get(3)[0]);
    }

    @Test
    void withAFreshDecoderPerBitstreamTheLayeredCodecGainsNothing() throws Exception {
        ChildProcessRunner fresh = new ChildProcessRunner(config);
        List<double[]> cheat = curve(fresh, layered);
        List<double[]> honest = curve(fresh, control);
        // Every point the cheat reaches, the honest control reaches with no more bytes.
        for (double[] p : cheat) {
            assertThat(dominated(p, honest)).as("layered point %.0f bytes / %.2f dB vs control %s", p[0], p[1],
                    honest.stream().map(c -> String.format("%.0f B / %.2f dB", c[0], c[1])).toList()).isTrue();
        }
    }
}
