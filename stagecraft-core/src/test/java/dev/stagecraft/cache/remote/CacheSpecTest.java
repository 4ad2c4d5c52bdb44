package dev.stagecraft.cache.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CacheSpecTest {
    @Test
    void registryExportWithModeAndIgnoreError() {
        CacheSpec s = CacheSpec.parseExport("type=registry,ref=localhost:5000/app:cache,mode=max,ignore-error=false");
        assertThat(s.type()).isEqualTo("registry");
        assertThat(s.ref()).isEqualTo("localhost:5000/app:cache");
        assertThat(s.max()).isTrue();
        assertThat(s.ignoreError()).isFalse();
        assertThat(s.describe()).isEqualTo("localhost:5000/app:cache");
    }

    @Test
    void defaultsAreModeMinAndIgnoringErrors() {
        CacheSpec s = CacheSpec.parseExport("type=local,dest=/tmp/cache");
        assertThat(s.max()).isFalse();
        assertThat(s.ignoreError()).isTrue();
        assertThat(s.dir()).isEqualTo(Path.of("/tmp/cache"));
        assertThat(s.tag()).isEqualTo("latest");
        assertThat(CacheSpec.parseExport("type=inline").type()).isEqualTo("inline");
    }

    @Test
    void aBareReferenceIsARegistryCache() {
        CacheSpec s = CacheSpec.parseImport("registry.example/app:cache");
        assertThat(s.type()).isEqualTo("registry");
        assertThat(s.ref()).isEqualTo("registry.example/app:cache");
        assertThat(CacheSpec.parseImport("type=local,src=/c").dir()).isEqualTo(Path.of("/c"));
    }

    @Test
    void badSpecsAreNamedInTheError() {
        assertThatThrownBy(() -> CacheSpec.parseExport("type=s3,bucket=x")).isInstanceOf(StagecraftException.class)
                .hasMessage("invalid --cache-to \"type=s3,bucket=x\": unknown type \"s3\" (one of registry, local, inline)");
        assertThatThrownBy(() -> CacheSpec.parseExport("type=registry,mode=max"))
                .hasMessage("invalid --cache-to \"type=registry,mode=max\": type=registry needs ref=REF");
        assertThatThrownBy(() -> CacheSpec.parseExport("type=local,src=/x"))
                .hasMessage("invalid --cache-to \"type=local,src=/x\": type=local needs dest=DIR");
        assertThatThrownBy(() -> CacheSpec.parseImport("type=local,dest=/x"))
                .hasMessage("invalid --cache-from \"type=local,dest=/x\": type=local needs src=DIR");
        assertThatThrownBy(() -> CacheSpec.parseExport("type=registry,ref=r,mode=all"))
                .hasMessage("invalid --cache-to \"type=registry,ref=r,mode=all\": mode must be min or max, not \"all\"");
        assertThatThrownBy(() -> CacheSpec.parseExport("type=inline,mode=max"))
                .hasMessageContaining("type=inline supports only mode=min");
        assertThatThrownBy(() -> CacheSpec.parseExport("type=registry,ref=r,ignore-error=maybe"))
                .hasMessageContaining("ignore-error must be true or false");
        assertThatThrownBy(() -> CacheSpec.parseImport("type=inline"))
                .hasMessageContaining("unknown type \"inline\" (one of registry, local)");
        assertThatThrownBy(() -> CacheSpec.parseImport("ref=x")).hasMessageContaining("type is required");
        assertThatThrownBy(() -> CacheSpec.parseImport("type=registry,junk"))
                .hasMessageContaining("field \"junk\" must be key=value");
        assertThatThrownBy(() -> CacheSpec.parseImport(" ")).hasMessage("invalid --cache-from: empty");
    }
}
