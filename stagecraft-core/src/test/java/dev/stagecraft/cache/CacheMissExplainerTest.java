package dev.stagecraft.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Why a step missed, from two build records: its own definition, then its inputs. */
class CacheMissExplainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CacheMissExplainer.VariableKinds KINDS = (step, v) -> v.equals("V") ? "build arg"
            : v.equals("E") ? "env" : null;

    private static JsonNode run(String cmd, String... env) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(Map.of("op", "exec", "args", List.of("/bin/sh", "-c", cmd),
                "env", List.of(env), "cwd", "/")));
    }

    private static BuildRecord.Step step(String name, String key, JsonNode op, BuildRecord.Input... inputs) {
        return new BuildRecord.Step(name, name.substring(0, name.indexOf('/')), key, op, List.of(inputs));
    }

    private static BuildRecord record(List<BuildRecord.Step> steps, Map<String, Map<String, String>> selections) {
        return new BuildRecord(BuildRecord.VERSION, "s", steps, selections);
    }

    private static BuildRecord.Input parent(String key, String from) {
        return new BuildRecord.Input(key, from, List.of());
    }

    @Test
    void aChangedVariableIsNamedWithItsKindAndBothValues() throws Exception {
        BuildRecord.Input base = parent("k0", "base image busybox@sha256:aa");
        BuildRecord.Step was = step("[build 2/2] RUN make", "k1", run("make", "PATH=/bin", "V=1", "X=a"), base);
        BuildRecord.Step now = step("[build 2/2] RUN make", "k2", run("make", "PATH=/bin", "V=2", "X=b", "E=new"), base);
        String why = new CacheMissExplainer(Optional.of(record(List.of(was), Map.of())), record(List.of(now), Map.of()))
                .explain(now, KINDS);
        assertThat(why).isEqualTo("build arg V changed (1 -> 2); variable X changed (a -> b); env E changed (unset -> new)");
    }

    @Test
    void aChangedCommandAndAStepNotSeenBeforeAreSaid() throws Exception {
        BuildRecord.Input base = parent("k0", "base image busybox@sha256:aa");
        BuildRecord.Step was = step("[build 2/3] RUN make", "k1", run("make"), base);
        BuildRecord.Step now = step("[build 2/3] RUN make all", "k2", run("make all"), base);
        BuildRecord.Step added = step("[build 3/3] RUN ls", "k3", run("ls"), parent("k2", now.name()));
        CacheMissExplainer e = new CacheMissExplainer(Optional.of(record(List.of(was), Map.of())),
                record(List.of(now, added), Map.of()));
        assertThat(e.explain(now, KINDS)).isEqualTo("command changed");
        assertThat(e.explain(added, KINDS)).isEqualTo("new step (not in the last build of this Dockerfile and target)");
        assertThat(new CacheMissExplainer(Optional.empty(), record(List.of(now), Map.of())).explain(now, KINDS))
                .isEqualTo("new step (no earlier build of this Dockerfile and target)");
    }

    @Test
    void aParentStepAndABaseImageAreNamedWhenOnlyTheirKeysChanged() throws Exception {
        JsonNode op = run("ls");
        BuildRecord.Step was = step("[b 3/3] RUN ls", "k1", op, parent("p1", "[b 2/3] RUN make"));
        BuildRecord.Step now = step("[b 3/3] RUN ls", "k2", op, parent("p2", "[b 2/3] RUN make"));
        BuildRecord.Step wasFirst = step("[b 2/3] RUN make", "m1", op, parent("i1", "base image x:1@sha256:aa"));
        BuildRecord.Step nowFirst = step("[b 2/3] RUN make", "m2", op, parent("i2", "base image x:1@sha256:bb"));
        CacheMissExplainer e = new CacheMissExplainer(Optional.of(record(List.of(wasFirst, was), Map.of())),
                record(List.of(nowFirst, now), Map.of()));
        assertThat(e.explain(now, KINDS)).isEqualTo("parent step changed: [b 2/3] RUN make");
        assertThat(e.explain(nowFirst, KINDS)).isEqualTo("base image changed: sha256:aa -> sha256:bb");
    }

    @Test
    void anUnchangedKeyMeansTheRecordWentAway() throws Exception {
        BuildRecord.Step s = step("[b 2/2] RUN ls", "k1", run("ls"), parent("p", "base image x@sha256:aa"));
        assertThat(new CacheMissExplainer(Optional.of(record(List.of(s), Map.of())), record(List.of(s), Map.of()))
                .explain(s, KINDS)).isEqualTo("cache record gone (pruned)");
    }

    @Test
    void aContextSelectionNamesTheFilesThatChanged() throws Exception {
        JsonNode copy = JSON.readTree("{\"op\":\"file\",\"actions\":[]}");
        BuildRecord.Input dest = parent("d", "[b 1/2] WORKDIR /app");
        BuildRecord.Step was = step("[b 2/2] COPY . .", "k1", copy, dest,
                new BuildRecord.Input("c", "context", List.of(new BuildRecord.Selected(".", "sum1"))));
        BuildRecord.Step now = step("[b 2/2] COPY . .", "k2", copy, dest,
                new BuildRecord.Input("c", "context", List.of(new BuildRecord.Selected(".", "sum2"))));
        Map<String, String> before = new LinkedHashMap<>(Map.of("app.txt", "f 644 aa", "gone.txt", "f 644 cc"));
        Map<String, String> after = new LinkedHashMap<>(Map.of("app.txt", "f 644 bb", "new.txt", "f 644 dd"));
        String why = new CacheMissExplainer(Optional.of(record(List.of(was), Map.of("sum1", before))),
                record(List.of(now), Map.of("sum2", after))).explain(now, KINDS);
        assertThat(why).isEqualTo("context changed: added new.txt; removed gone.txt; changed app.txt");
    }

    @Test
    void contextChangesNameOneFileAloneAndAtMostTenInAll() {
        assertThat(ContextChanges.describe(Map.of("a", "f 644 1"), Map.of("a", "f 644 2")))
                .isEqualTo("context file changed: a");
        assertThat(ContextChanges.describe(Map.of("a", "f 644 1"), Map.of("a", "f 755 1")))
                .isEqualTo("context file changed: a");
        assertThat(ContextChanges.describe(Map.of("a", "missing"), Map.of("a", "f 644 1")))
                .isEqualTo("context file added: a");
        assertThat(ContextChanges.describe(Map.of("a", "f 644 1"), Map.of("a", "f 644 1"))).isNull();
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 13; i++) {
            many.put("f" + i, "f 644 " + i);
        }
        assertThat(ContextChanges.describe(Map.of(), many))
                .isEqualTo("context changed: added f0, f1, f2, f3, f4, f5, f6, f7, f8, f9 and 3 more");
    }

    @Test
    void opChangesSayWhichPartOfTheInstructionChanged() throws Exception {
        JsonNode a = JSON.readTree("{\"op\":\"exec\",\"args\":[\"ls\"],\"env\":[],\"cwd\":\"/a\",\"user\":\"\"}");
        JsonNode b = JSON.readTree("{\"op\":\"exec\",\"args\":[\"ls\"],\"env\":[],\"cwd\":\"/b\",\"user\":\"\"}");
        JsonNode f = JSON.readTree("{\"op\":\"file\",\"actions\":[]}");
        JsonNode g = JSON.readTree("{\"op\":\"file\",\"actions\":[{\"x\":1}]}");
        assertThat(OpChanges.describe(a, b, v -> null)).containsExactly("working directory changed (/a -> /b)");
        assertThat(OpChanges.describe(a, f, v -> null)).containsExactly("instruction changed");
        assertThat(OpChanges.describe(f, g, v -> null)).containsExactly("instruction changed");
        assertThat(OpChanges.describe(a, a, v -> null)).isEmpty();
    }
}
