package dev.stagecraft.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultRootTest {
    private static final Path HOME = Path.of("/home/ann");

    @Test
    void stagecraftRootWinsForEveryone() {
        assertThat(LocalContentStore.defaultRoot(Map.of("STAGECRAFT_ROOT", "/srv/sc", "XDG_DATA_HOME", "/x"), 0, HOME))
                .isEqualTo(Path.of("/srv/sc"));
        assertThat(LocalContentStore.defaultRoot(Map.of("STAGECRAFT_ROOT", "/srv/sc"), 1000, HOME))
                .isEqualTo(Path.of("/srv/sc"));
    }

    @Test
    void rootUsesVarLib() {
        assertThat(LocalContentStore.defaultRoot(Map.of("XDG_DATA_HOME", "/x"), 0, HOME))
                .isEqualTo(Path.of("/var/lib/stagecraft"));
        assertThat(LocalContentStore.defaultRoot(Map.of("STAGECRAFT_ROOT", ""), 0, HOME))
                .isEqualTo(Path.of("/var/lib/stagecraft"));
    }

    @Test
    void otherUsersUseXdgDataHome() {
        assertThat(LocalContentStore.defaultRoot(Map.of("XDG_DATA_HOME", "/data/ann"), 1000, HOME))
                .isEqualTo(Path.of("/data/ann/stagecraft"));
    }

    @Test
    void otherUsersFallBackToLocalShare() {
        assertThat(LocalContentStore.defaultRoot(Map.of(), 1000, HOME))
                .isEqualTo(Path.of("/home/ann/.local/share/stagecraft"));
        assertThat(LocalContentStore.defaultRoot(Map.of("XDG_DATA_HOME", ""), 1000, HOME))
                .isEqualTo(Path.of("/home/ann/.local/share/stagecraft"));
        assertThat(LocalContentStore.defaultRoot(Map.of("XDG_DATA_HOME", "relative"), 1000, HOME))
                .isEqualTo(Path.of("/home/ann/.local/share/stagecraft"));
    }

    @Test
    void theDefaultForThisProcessIsAbsolute() {
        assertThat(LocalContentStore.defaultRoot()).isAbsolute();
        assertThat(LocalContentStore.currentUid()).isGreaterThanOrEqualTo(0);
    }
}
