package codeclab.media.ffmpeg;

import codeclab.codec.Frame;
import codeclab.media.Clip;
import codeclab.media.ClipFormatException;
import codeclab.media.ClipMetadata;
import codeclab.media.ColourRange;
import codeclab.media.Interlace;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the first video stream of any file FFmpeg can decode into 8-bit YUV 4:2:0 frames. Other pixel
 * formats (4:4:4, 4:2:2, RGB, 10-bit, full-range yuvj) are converted by swscale, which also maps
 * full-range input to limited range (the metadata then says LIMITED). Odd dimensions are rejected,
 * because 4:2:0 cannot represent them without cropping or padding the picture.
 */
public final class FfmpegClipReader {

    private FfmpegClipReader() {
    }

    /** Reads every frame of {@code file} into a clip named {@code name}. */
    public static Clip read(Path file, String name) {
        return read(file, name, Integer.MAX_VALUE);
    }

    /** Reads at most {@code maxFrames} frames. */
    public static Clip read(Path file, String name, int maxFrames) {
        return read(file, name, 0, maxFrames);
    }

    /** Reads at most {@code maxFrames} frames after decoding and dropping the first {@code skip}. */
    public static Clip read(Path file, String name, int skip, int maxFrames) {
        if (!Files.exists(file)) {
            throw new ClipFormatException(file + ": no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ClipFormatException(file + ": not a readable file");
        }
        Ffmpeg.init();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new ClipFormatException(file + ": FFmpeg cannot open it as video (" + ffmpegSays(e.getMessage())
                        + "); check that it is a video file (ffprobe shows what FFmpeg sees in it)", e);
            }
            if (!grabber.hasVideo()) {
                throw new ClipFormatException(file + ": has no video stream");
            }
            int w = grabber.getImageWidth(), h = grabber.getImageHeight();
            if ((w & 1) != 0 || (h & 1) != 0) {
                throw new ClipFormatException(file + ": odd dimensions " + w + "x" + h
                        + "; 4:2:0 needs even width and height (crop it, e.g. ffmpeg -vf crop=trunc(iw/2)*2:trunc(ih/2)*2)");
            }
            AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
            int[] fps = frameRate(stream, grabber.getVideoFrameRate(), file);
            List<Frame> frames = new ArrayList<>();
            int seen = 0;
            while (frames.size() < maxFrames) {
                org.bytedeco.javacv.Frame f = grabber.grabImage();
                if (f == null) {
                    break;
                }
                if (seen++ >= skip) {
                    frames.add(toFrame(f, w, h, file, seen - 1));
                }
            }
            if (frames.isEmpty()) {
                throw new ClipFormatException(file + ": video stream has zero decodable frames"
                        + (skip > 0 ? " after the first " + skip + " (it has " + seen + ")" : ""));
            }
            return Clip.of(name, frames, fps[0], fps[1], metadata(stream.codecpar(), file));
        } catch (FrameGrabber.Exception e) {
            throw new ClipFormatException(file + ": FFmpeg failed while decoding (" + ffmpegSays(e.getMessage())
                    + "); the file may be truncated or damaged: re-encode it with ffmpeg or use another clip", e);
        }
    }

    /** Copies a grabbed YUV420P picture out of FFmpeg's (possibly padded) planes. */
    static Frame toFrame(org.bytedeco.javacv.Frame grabbed, int w, int h, Object source, int index) {
        if (!(grabbed.opaque instanceof AVFrame pic) || pic.format() != avutil.AV_PIX_FMT_YUV420P) {
            throw new ClipFormatException(source + ": frame " + index + " did not come out of FFmpeg as yuv420p");
        }
        if (grabbed.imageWidth != w || grabbed.imageHeight != h) {
            throw new ClipFormatException(source + ": frame " + index + " is " + grabbed.imageWidth + "x"
                    + grabbed.imageHeight + ", the stream started as " + w + "x" + h + " (size changes are not supported)");
        }
        Frame out = Frame.blank(w, h);
        for (int p = 0; p < 3; p++) {
            byte[] dst = out.plane(p);
            int pw = out.planeWidth(p), ph = out.planeHeight(p);
            int stride = pic.linesize(p);
            var src = pic.data(p);
            for (int y = 0; y < ph; y++) {
                src.position((long) y * stride).get(dst, y * pw, pw);
            }
            src.position(0);
        }
        return out;
    }

    private static int[] frameRate(AVStream stream, double fallback, Path file) {
        for (AVRational r : new AVRational[] {stream.avg_frame_rate(), stream.r_frame_rate()}) {
            if (r.num() > 0 && r.den() > 0) {
                return new int[] {r.num(), r.den()};
            }
        }
        if (fallback > 0) {
            AVRational q = avutil.av_d2q(fallback, 1001000);
            return new int[] {q.num(), q.den()};
        }
        throw new ClipFormatException(file + ": the video stream states no frame rate");
    }

    private static ClipMetadata metadata(AVCodecParameters par, Path file) {
        ColourRange range;
        if (par.format() == avutil.AV_PIX_FMT_YUVJ420P || par.format() == avutil.AV_PIX_FMT_YUVJ422P
                || par.format() == avutil.AV_PIX_FMT_YUVJ444P) {
            range = ColourRange.LIMITED; // swscale converted the yuvj formats to limited range
        } else {
            range = switch (par.color_range()) {
                case avutil.AVCOL_RANGE_JPEG -> ColourRange.FULL;
                case avutil.AVCOL_RANGE_MPEG -> ColourRange.LIMITED;
                default -> ColourRange.UNSPECIFIED;
            };
        }
        Interlace interlace = switch (par.field_order()) {
            case avcodec.AV_FIELD_PROGRESSIVE -> Interlace.PROGRESSIVE;
            case avcodec.AV_FIELD_TT -> Interlace.TOP_FIRST;
            case avcodec.AV_FIELD_BB -> Interlace.BOTTOM_FIRST;
            case avcodec.AV_FIELD_TB, avcodec.AV_FIELD_BT -> Interlace.MIXED;
            default -> null;
        };
        AVRational sar = par.sample_aspect_ratio();
        String aspect = sar.num() > 0 && sar.den() > 0 ? sar.num() + ":" + sar.den() : null;
        return new ClipMetadata(range, interlace, null, aspect, List.of(), String.valueOf(file.getFileName()));
    }

    private static final java.util.regex.Pattern ERROR_CODE = java.util.regex.Pattern.compile("error (-\\d+)");

    /**
     * What FFmpeg said, without JavaCV's developer hints ("Has setFormat() been called?", "make sure
     * FFmpegLogCallback.set() has been called"): the error code of the failing call as FFmpeg's own text.
     */
    static String ffmpegSays(String javacvMessage) {
        if (javacvMessage == null) {
            return "no detail";
        }
        java.util.regex.Matcher m = ERROR_CODE.matcher(javacvMessage);
        if (m.find()) {
            byte[] buf = new byte[256];
            if (avutil.av_strerror(Integer.parseInt(m.group(1)), buf, buf.length) == 0) {
                int n = 0;
                while (n < buf.length && buf[n] != 0) {
                    n++;
                }
                return "FFmpeg: " + new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return oneLine(javacvMessage.replaceAll("\\s*\\((Has|For more details|make sure)[^)]*\\)+", ""));
    }

    static String oneLine(String s) {
        return s == null ? "no detail" : s.replaceAll("\\s+", " ").trim();
    }
}
