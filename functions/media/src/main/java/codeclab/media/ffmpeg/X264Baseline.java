package codeclab.media.ffmpeg;

import codeclab.codec.Frame;
import codeclab.media.Clip;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measured reference: x264 (libx264 through JavaCV/FFmpeg) at several CRF points on a clip, each
 * encoded to a raw H.264 stream in a temporary directory and decoded back by FFmpeg. It returns sizes,
 * decoded frames and timings; quality metrics are computed elsewhere, from these frames.
 *
 * <p>The encoder is checked to be libx264 running in CRF mode at the requested value (from the options
 * string x264 writes into its stream); anything else fails with {@link IllegalStateException}.
 */
public final class X264Baseline {

    private static final Pattern CRF = Pattern.compile("\\bcrf=([0-9.]+)");

    private final X264Config config;

    public X264Baseline(X264Config config) {
        this.config = config;
    }

    public X264Baseline() {
        this(X264Config.defaults());
    }

    public X264Config config() {
        return config;
    }

    /** Encodes and decodes the clip at every configured CRF, in the configured order. */
    public List<X264Point> run(Clip clip) {
        List<X264Point> points = new ArrayList<>();
        for (int crf : config.crfs()) {
            points.add(encode(clip, crf));
        }
        return points;
    }

    /** Encodes and decodes the clip at one CRF. */
    public X264Point encode(Clip clip, int crf) {
        Ffmpeg.requireLibx264();
        Path dir;
        try {
            dir = Files.createTempDirectory("codeclab-x264-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the x264 baseline", e);
        }
        Path stream = dir.resolve(clip.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-crf" + crf + ".264");
        try {
            long t0 = System.nanoTime();
            encodeTo(stream, clip, crf);
            long encodeNanos = System.nanoTime() - t0;
            byte[] bitstream = Files.readAllBytes(stream);
            AnnexB.Sizes sizes = AnnexB.sizes(bitstream);
            String options = checkEncoder(sizes.seiText(), crf, clip.name());
            t0 = System.nanoTime();
            List<Frame> decoded = decode(stream, clip);
            long decodeNanos = System.nanoTime() - t0;
            return new X264Point(crf, sizes.withoutSei(), bitstream.length, decoded, encodeNanos, decodeNanos, options);
        } catch (IOException e) {
            throw new UncheckedIOException("x264 baseline of " + clip.name() + " at CRF " + crf, e);
        } finally {
            try {
                Files.deleteIfExists(stream);
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // Leaving a temp file behind is harmless; the result is already computed or the error is on its way.
            }
        }
    }

    private void encodeTo(Path out, Clip clip, int crf) {
        int w = clip.width(), h = clip.height();
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), w, h, 0)) {
            rec.setFormat("h264");
            rec.setVideoCodecName("libx264");
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate((double) clip.header().fpsNum() / clip.header().fpsDen());
            rec.setVideoBitrate(0); // JavaCV's default of 400 kb/s would switch x264 to ABR
            rec.setVideoOption("preset", config.preset());
            rec.setVideoOption("crf", Integer.toString(crf));
            rec.setVideoOption("threads", Integer.toString(config.threads()));
            rec.start();
            ByteBuffer buf = ByteBuffer.allocateDirect(w * h * 3 / 2);
            for (Frame f : clip.frames()) {
                buf.clear();
                buf.put(f.y()).put(f.u()).put(f.v()).flip();
                // One contiguous I420 buffer, luma stride = width; JavaCV derives the chroma planes.
                rec.recordImage(w, h, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 1, w, avutil.AV_PIX_FMT_YUV420P, buf);
            }
            rec.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("x264 failed to encode " + clip.name() + " at CRF " + crf + ": "
                    + FfmpegClipReader.oneLine(e.getMessage()), e);
        }
    }

    private static String checkEncoder(String sei, int crf, String clip) {
        int at = sei.indexOf("x264 - core");
        if (at < 0) {
            throw new IllegalStateException("the H.264 stream for " + clip + " was not written by libx264 (no x264 "
                    + "version SEI); FFmpeg picked another encoder: use the -gpl natives");
        }
        String options = sei.substring(at).trim();
        Matcher m = CRF.matcher(options);
        if (!options.contains("rc=crf") || !m.find() || Math.abs(Double.parseDouble(m.group(1)) - crf) > 1e-6) {
            throw new IllegalStateException("x264 did not run in CRF " + crf + " mode for " + clip + ": " + options);
        }
        return options;
    }

    private static List<Frame> decode(Path stream, Clip clip) {
        int w = clip.width(), h = clip.height();
        List<Frame> frames = new ArrayList<>(clip.frameCount());
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(stream.toFile())) {
            g.setFormat("h264");
            g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            g.start();
            for (org.bytedeco.javacv.Frame f = g.grabImage(); f != null; f = g.grabImage()) {
                frames.add(FfmpegClipReader.toFrame(f, w, h, stream, frames.size()));
            }
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("FFmpeg failed to decode the x264 stream of " + clip.name() + ": "
                    + FfmpegClipReader.oneLine(e.getMessage()), e);
        }
        return frames;
    }

    /** Minimal H.264 Annex-B walker: NAL boundaries by start code, type from the header byte. */
    static final class AnnexB {

        record Sizes(long withoutSei, String seiText) {
        }

        private AnnexB() {
        }

        static Sizes sizes(byte[] s) {
            List<Integer> starts = new ArrayList<>(); // index of the first 0 of each start code
            for (int i = 0; i + 2 < s.length; i++) {
                if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                    starts.add(i > 0 && s[i - 1] == 0 ? i - 1 : i);
                    i += 2;
                }
            }
            long sei = 0;
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < starts.size(); k++) {
                int begin = starts.get(k);
                int end = k + 1 < starts.size() ? starts.get(k + 1) : s.length;
                int header = begin + (s[begin + 2] == 1 ? 3 : 4);
                if (header < end && (s[header] & 0x1F) == 6) {
                    sei += end - begin;
                    text.append(new String(s, header, end - header, StandardCharsets.ISO_8859_1));
                }
            }
            long leading = starts.isEmpty() ? 0 : starts.get(0); // zero bytes before the first start code
            return new Sizes(s.length - sei - leading, text.toString());
        }
    }
}
