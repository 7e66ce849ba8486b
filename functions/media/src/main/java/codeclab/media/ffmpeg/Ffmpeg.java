package codeclab.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

/** Process-wide FFmpeg set-up through JavaCV: quiet logging, and the libx264 check. */
final class Ffmpeg {

    private static volatile boolean ready;

    private Ffmpeg() {
    }

    /**
     * Loads the natives (unpacked to the JavaCPP cache on first use) and silences FFmpeg's own log: its lines would
     * interleave with the CLI's output, and every failure reaches the caller as an exception with FFmpeg's error text.
     */
    static void init() {
        if (!ready) {
            synchronized (Ffmpeg.class) {
                if (!ready) {
                    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
                    ready = true;
                }
            }
        }
    }

    /**
     * Fails unless the loaded FFmpeg has the real libx264 encoder. The non-GPL JavaCV natives lack it
     * and JavaCV would silently fall back to another H.264 encoder (openh264) that ignores CRF.
     */
    static void requireLibx264() {
        init();
        AVCodec codec = avcodec.avcodec_find_encoder_by_name("libx264");
        if (codec == null || !"libx264".equals(codec.name().getString())) {
            throw new IllegalStateException("FFmpeg has no libx264 encoder: the x264 baseline needs the GPL natives "
                    + "(org.bytedeco:ffmpeg:<version>:linux-x86_64-gpl) on the classpath, not the plain ones");
        }
    }
}
