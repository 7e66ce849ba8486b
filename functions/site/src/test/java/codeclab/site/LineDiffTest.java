package codeclab.site;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTest {

    @Test
    void changedLineShowsRemovalThenAdditionWithContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh";
        String after = "a\nb\nc\nD\ne\nf\ng\nh\ni";
        assertThat(LineDiff.diff(before, after, 1)).containsExactly(
                new LineDiff.Line(' ', "c"), new LineDiff.Line('-', "d"), new LineDiff.Line('+', "D"), new LineDiff.Line(' ', "e"),
                new LineDiff.Line('@', "..."), new LineDiff.Line(' ', "h"), new LineDiff.Line('+', "i"));
    }

    @Test
    void identicalSourcesHaveNoDiffLines() {
        assertThat(LineDiff.diff("x\ny", "x\ny", 3)).isEmpty();
    }
}
