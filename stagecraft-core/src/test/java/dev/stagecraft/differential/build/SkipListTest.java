package dev.stagecraft.differential.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkipListTest {
    @Test
    void readsWholeCaseAndAspectEntries() throws IOException {
        SkipList list = SkipList.parse(List.of("# comment", "", "a  whole case reason",
                "b:history  v0.8 history text", "b:diff-ids mtimes only"), "skip-list.txt");
        assertThat(list.caseReason("a")).contains("whole case reason");
        assertThat(list.caseReason("b")).isEmpty();
        assertThat(list.reason("b", "history")).contains("v0.8 history text");
        assertThat(list.reason("b", "diff-ids")).contains("mtimes only");
        assertThat(list.reason("b", "tree")).isEmpty();
        assertThat(list.cases()).containsExactly("a", "b");
    }

    @Test
    void rejectsEntriesWithoutReasonUnknownAspectsAndDuplicates() {
        assertThatThrownBy(() -> SkipList.parse(List.of("a"), "s")).hasMessage("s:1: a has no reason");
        assertThatThrownBy(() -> SkipList.parse(List.of("a:times x"), "s")).hasMessageStartingWith("s:1: unknown aspect times");
        assertThatThrownBy(() -> SkipList.parse(List.of("a:tree x", "a:tree y"), "s")).hasMessage("s:2: a:tree is listed twice");
    }

    @Test
    void theSuitesSkipListParsesAndNamesOnlyExistingCases() throws IOException {
        Path corpus = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("src/test/resources/differential-build");
        SkipList list = SkipList.read(corpus.resolve("skip-list.txt"));
        for (String c : list.cases()) {
            assertThat(corpus.resolve("cases").resolve(c).resolve("Dockerfile")).as("skip-list case " + c).isRegularFile();
        }
    }
}
