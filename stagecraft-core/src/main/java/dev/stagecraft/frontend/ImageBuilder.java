package dev.stagecraft.frontend;

import dev.stagecraft.image.ContainerConfig;
import dev.stagecraft.image.Healthcheck;
import dev.stagecraft.image.History;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.image.RootFs;
import dev.stagecraft.reference.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The image config of a stage while its instructions are dispatched. Mutable on purpose: each
 * instruction changes a field or two, and a stage that inherits from another gets a deep copy.
 */
final class ImageBuilder {
    static final String HISTORY_COMMENT = "buildkit.dockerfile.v0";
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** The time given to the history entries this build adds (SOURCE_DATE_EPOCH), or null. */
    String historyTime;
    String author;
    String architecture;
    String os;
    String osVersion;
    String variant;
    List<String> diffIds = new ArrayList<>();
    List<History> history = new ArrayList<>();

    String user;
    Map<String, Map<String, Object>> exposedPorts;
    List<String> env = new ArrayList<>();
    List<String> entrypoint;
    List<String> cmd;
    Map<String, Map<String, Object>> volumes;
    String workingDir;
    Map<String, String> labels;
    String stopSignal;
    boolean argsEscaped;
    Healthcheck healthcheck;
    List<String> onBuild;
    List<String> shell;

    /** BuildKit's {@code emptyImage}: what {@code FROM scratch} starts with. */
    static ImageBuilder scratch(Platform platform) {
        ImageBuilder b = new ImageBuilder();
        b.setPlatform(platform);
        b.workingDir = "/";
        b.env.add("PATH=" + DEFAULT_PATH);
        return b;
    }

    /**
     * An image whose config is not known (an offline plan): only the platform is set, so the
     * stage shows exactly what the Dockerfile itself adds.
     */
    ImageBuilder withoutDefaults() {
        workingDir = null;
        env.clear();
        return this;
    }

    /** A builder holding a copy of {@code config}, with {@code created} dropped. */
    static ImageBuilder from(ImageConfig config) {
        ImageBuilder b = new ImageBuilder();
        b.author = config.author();
        b.architecture = config.architecture();
        b.os = config.os();
        b.osVersion = config.osVersion();
        b.variant = config.variant();
        b.diffIds = new ArrayList<>(config.rootfs().diffIds());
        b.history = new ArrayList<>(config.history());
        ContainerConfig c = config.config();
        b.user = c.user();
        b.exposedPorts = copyMap(c.exposedPorts());
        b.env = c.env() == null ? new ArrayList<>() : new ArrayList<>(c.env());
        b.entrypoint = copyList(c.entrypoint());
        b.cmd = copyList(c.cmd());
        b.volumes = copyMap(c.volumes());
        b.workingDir = c.workingDir();
        b.labels = copyMap(c.labels());
        b.stopSignal = c.stopSignal();
        b.argsEscaped = c.argsEscaped();
        b.healthcheck = c.healthcheck();
        b.onBuild = copyList(c.onBuild());
        b.shell = copyList(c.shell());
        return b;
    }

    /** A deep copy, for a stage that starts from another stage. */
    ImageBuilder copy() {
        return from(build());
    }

    void setPlatform(Platform platform) {
        os = platform.os();
        architecture = platform.architecture();
        variant = emptyToNull(platform.variant());
        osVersion = emptyToNull(platform.osVersion());
    }

    /** BuildKit's {@code addEnv}: replace the first entry with that key in place, or append. */
    void addEnv(String key, String value) {
        for (int i = 0; i < env.size(); i++) {
            String e = env.get(i);
            int eq = e.indexOf('=');
            String k = eq < 0 ? e : e.substring(0, eq);
            if (k.equals(key)) {
                env.set(i, key + "=" + value);
                return;
            }
        }
        env.add(key + "=" + value);
    }

    boolean hasEnv(String key) {
        return env.stream().anyMatch(e -> e.equals(key) || e.startsWith(key + "="));
    }

    /** Records an instruction in the history (BuildKit's {@code commitToHistory}). */
    void commit(String createdBy, boolean withLayer, boolean fromGraphOp) {
        history.add(new History(historyTime, fromGraphOp ? createdBy + " # buildkit" : createdBy, null, HISTORY_COMMENT,
                !withLayer));
    }

    /** True when the image has no layer at all, which BuildKit treats as scratch. */
    boolean hasNoLayers() {
        return diffIds.isEmpty() && history.stream().allMatch(History::emptyLayer);
    }

    ImageConfig build() {
        ContainerConfig c = new ContainerConfig(user, copyMap(exposedPorts), copyList(env), copyList(entrypoint),
                copyList(cmd), copyMap(volumes), workingDir, copyMap(labels),
                stopSignal, argsEscaped, healthcheck, copyList(onBuild), copyList(shell));
        return new ImageConfig(null, author, architecture, os, osVersion, variant, c,
                new RootFs("layers", diffIds), history);
    }

    private static <T> List<T> copyList(List<T> list) {
        return list == null ? null : new ArrayList<>(list);
    }

    /** Maps are kept sorted: Go writes map keys in order, and configs should compare as text. */
    private static <V> Map<String, V> copyMap(Map<String, V> map) {
        return map == null ? null : new TreeMap<>(map);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
