package codeclab.media;

import java.nio.file.Path;

/** One clip of a {@link ClipLibrary} as {@code clips list} shows it. */
public record ClipInfo(String name, Path path, int width, int height, int frameCount, int fpsNum, int fpsDen,
                       String contentHash, long fileBytes) {

    static ClipInfo of(Clip clip, Path path, long fileBytes) {
        return new ClipInfo(clip.name(), path, clip.width(), clip.height(), clip.frameCount(),
                clip.header().fpsNum(), clip.header().fpsDen(), clip.contentHash(), fileBytes);
    }

    public double fps() {
        return (double) fpsNum / fpsDen;
    }
}
