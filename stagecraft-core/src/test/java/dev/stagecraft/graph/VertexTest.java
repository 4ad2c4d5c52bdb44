package dev.stagecraft.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VertexTest {
    private static final Vertex ALPINE = new Vertex(new ImageSourceOp("docker.io/library/alpine:3.19", "linux/amd64"),
            List.of(), "FROM alpine");
    private static final Vertex CONTEXT = new Vertex(new ContextSourceOp("context"), List.of(), "context");

    private static Vertex copy(Vertex base, Vertex from, String name) {
        return new Vertex(new FileOp(0, List.of(new FileAction.Copy(1, "/a", "/b", null, null, true, true, true, true,
                true, false, List.of(), List.of(), List.of()))), List.of(base, from), name);
    }

    @Test
    void theNameIsNotPartOfTheDefinition() {
        assertThat(copy(ALPINE, CONTEXT, "[1/2] COPY a b").digest()).isEqualTo(copy(ALPINE, CONTEXT, "other").digest());
    }

    @Test
    void theDigestCoversTheOpAndItsInputs() {
        Vertex other = new Vertex(new ImageSourceOp("docker.io/library/alpine:3.20", "linux/amd64"), List.of(), "x");
        assertThat(copy(other, CONTEXT, "n").digest()).isNotEqualTo(copy(ALPINE, CONTEXT, "n").digest());
        assertThat(copy(CONTEXT, ALPINE, "n").digest()).isNotEqualTo(copy(ALPINE, CONTEXT, "n").digest());
        assertThat(ALPINE.digest()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void theDefinitionIsCanonicalJsonWithSortedKeys() {
        assertThat(ALPINE.definitionJson()).isEqualTo(
                "{\"inputs\":[],\"op\":{\"op\":\"image\",\"platform\":\"linux/amd64\","
                        + "\"reference\":\"docker.io/library/alpine:3.19\"}}");
    }

    @Test
    void proxyVariablesStayOutOfTheDefinition() {
        ExecOp plain = new ExecOp(List.of("sh"), List.of(), "/", "", "default", "sandbox", "linux/amd64", List.of(),
                List.of());
        ExecOp proxied = new ExecOp(List.of("sh"), List.of(), "/", "", "default", "sandbox", "linux/amd64", List.of(),
                List.of("HTTP_PROXY=http://proxy:3128"));
        assertThat(new Vertex(proxied, List.of(ALPINE), "a").digest())
                .isEqualTo(new Vertex(plain, List.of(ALPINE), "b").digest());
    }

    @Test
    void closureListsDependenciesFirstAndEachOnce() {
        Vertex first = copy(ALPINE, CONTEXT, "first");
        Vertex second = copy(first, CONTEXT, "second");
        assertThat(second.closure()).containsExactly(ALPINE, CONTEXT, first, second);
    }
}
