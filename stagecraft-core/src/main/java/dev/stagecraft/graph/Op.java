package dev.stagecraft.graph;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One operation of the build graph (BuildKit's LLB op): where a filesystem comes from or how it is
 * changed. Its JSON form (type tag plus fields) is its definition; metadata that must not change a
 * definition (progress names, source lines) lives on the {@link Vertex}, not here.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImageSourceOp.class, name = "image"),
    @JsonSubTypes.Type(value = ContextSourceOp.class, name = "context"),
    @JsonSubTypes.Type(value = HttpSourceOp.class, name = "http"),
    @JsonSubTypes.Type(value = GitSourceOp.class, name = "git"),
    @JsonSubTypes.Type(value = ExecOp.class, name = "exec"),
    @JsonSubTypes.Type(value = FileOp.class, name = "file"),
    @JsonSubTypes.Type(value = MergeOp.class, name = "merge")})
public sealed interface Op permits ImageSourceOp, ContextSourceOp, HttpSourceOp, GitSourceOp, ExecOp, FileOp, MergeOp {
}
