package dev.stagecraft.api;

import dev.stagecraft.api.event.BuildListener;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to build and how, the options of {@code docker buildx build} that a daemonless builder
 * has. Made with {@link #builder(Path)}.
 */
public final class BuildRequest {
    private final Builder b;

    private BuildRequest(Builder b) {
        this.b = b;
    }

    /** A build of {@code <context>/Dockerfile} with default options. */
    public static Builder builder(Path context) {
        return new Builder(context);
    }

    /**
     * A build whose context is read from {@code in}, as {@code docker build -} reads standard input:
     * a tar archive (plain, gzip, bzip2 or zstd) of the context, or a Dockerfile alone.
     */
    public static Builder builder(java.io.InputStream in) {
        Builder b = new Builder(null);
        b.contextStream = in;
        return b;
    }

    /** The context directory, or null when the context comes from {@link #contextStream()}. */
    public Path context() {
        return b.context;
    }

    /** A tar archive of the context (or a Dockerfile alone), instead of a directory; else null. */
    public java.io.InputStream contextStream() {
        return b.contextStream;
    }

    /** The Dockerfile this request reads ({@code Dockerfile} in the context unless {@code -f} said otherwise). */
    public Path dockerfile() {
        return b.dockerfile != null ? b.dockerfile : b.context == null ? null : b.context.resolve("Dockerfile");
    }

    /** The Dockerfile's content when given directly ({@code -f -}), else null. */
    public byte[] dockerfileContent() {
        return b.dockerfileContent == null ? null : b.dockerfileContent.clone();
    }

    public String target() {
        return b.target;
    }

    public Map<String, String> buildArgs() {
        return Map.copyOf(b.buildArgs);
    }

    /** Build args in the order given (the front end reports unused ones in that order). */
    public Map<String, String> orderedBuildArgs() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.buildArgs));
    }

    public String platform() {
        return b.platform;
    }

    public List<String> tags() {
        return List.copyOf(b.tags);
    }

    public Map<String, String> labels() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
    }

    public List<String> outputs() {
        return List.copyOf(b.outputs);
    }

    public boolean push() {
        return b.push;
    }

    public Path root() {
        return b.root != null ? b.root : Images.defaultRoot();
    }

    public int jobs() {
        return b.jobs > 0 ? b.jobs : Runtime.getRuntime().availableProcessors();
    }

    public String snapshotter() {
        return b.snapshotter;
    }

    public String isolation() {
        return b.isolation;
    }

    public Path runtime() {
        return b.runtime;
    }

    public List<String> insecureRegistries() {
        return List.copyOf(b.insecureRegistries);
    }

    public boolean pull() {
        return b.pull;
    }

    public boolean noCache() {
        return b.noCache;
    }

    /** The stages whose steps are not taken from the cache, lower-cased, as given. */
    public List<String> noCacheFilter() {
        return List.copyOf(b.noCacheFilter);
    }

    /** Whether the listener hears why each step missed the cache. */
    public boolean explainCache() {
        return b.explainCache;
    }

    /**
     * The size the root's blobs are collected down to after the build: 0 never collects, a
     * negative value (the default) means a tenth of the file system the root is on.
     */
    public long cacheKeepStorage() {
        return b.cacheKeepStorage;
    }

    public String compression() {
        return b.compression;
    }

    /** The network RUN steps get unless they ask for another: default (the host's), host or none. */
    public String network() {
        return b.network;
    }

    public List<String> extraHosts() {
        return List.copyOf(b.extraHosts);
    }

    public BuildListener listener() {
        return b.listener;
    }

    /** The {@code --cache-to} specs, in the order given. */
    public List<String> cacheTo() {
        return List.copyOf(b.cacheTo);
    }

    /** The {@code --cache-from} specs, in the order given. */
    public List<String> cacheFrom() {
        return List.copyOf(b.cacheFrom);
    }

    public OutputStream stdout() {
        return b.stdout;
    }

    /** Builds a {@link BuildRequest}; every option has the default {@code docker buildx build} gives it. */
    public static final class Builder {
        private final Path context;
        private java.io.InputStream contextStream;
        private byte[] dockerfileContent;
        private Path dockerfile;
        private String target;
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private String platform;
        private final List<String> tags = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<String> outputs = new ArrayList<>();
        private boolean push;
        private Path root;
        private int jobs;
        private String snapshotter = "auto";
        private String isolation = "auto";
        private Path runtime;
        private final List<String> insecureRegistries = new ArrayList<>();
        private boolean pull;
        private boolean noCache;
        private final List<String> noCacheFilter = new ArrayList<>();
        private boolean explainCache;
        private long cacheKeepStorage = -1;
        private String compression = "gzip";
        private final List<String> extraHosts = new ArrayList<>();
        private String network = "default";
        private BuildListener listener = BuildListener.NONE;
        private OutputStream stdout = OutputStream.nullOutputStream();
        private final List<String> cacheTo = new ArrayList<>();
        private final List<String> cacheFrom = new ArrayList<>();

        private Builder(Path context) {
            this.context = context;
        }

        /** {@code -f}: the Dockerfile, default {@code <context>/Dockerfile}. */
        public Builder dockerfile(Path file) {
            this.dockerfile = file;
            return this;
        }

        /** {@code -f -}: the Dockerfile's content, given directly. */
        public Builder dockerfileContent(byte[] content) {
            this.dockerfileContent = content.clone();
            return this;
        }

        /** {@code --target}: the stage to build, default the last. */
        public Builder target(String stage) {
            this.target = stage;
            return this;
        }

        /** {@code --build-arg}. */
        public Builder buildArg(String name, String value) {
            buildArgs.put(name, value);
            return this;
        }

        /** {@code --build-arg}, several. */
        public Builder buildArgs(Map<String, String> args) {
            buildArgs.putAll(args);
            return this;
        }

        /** {@code --platform}: the target platform, default this machine's. */
        public Builder platform(String p) {
            this.platform = p;
            return this;
        }

        /** {@code -t}: a name for the image. */
        public Builder tag(String name) {
            tags.add(name);
            return this;
        }

        /** {@code --label}. */
        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** {@code -o}: an output in buildx's syntax; without any, the image goes to the local store. */
        public Builder output(String spec) {
            outputs.add(spec);
            return this;
        }

        /** {@code --push}: push the image to the registry its names say. */
        public Builder push(boolean p) {
            this.push = p;
            return this;
        }

        /** {@code --root}: the store, default {@link Images#defaultRoot()}. */
        public Builder root(Path dir) {
            this.root = dir;
            return this;
        }

        /** {@code --jobs}: steps running at once, default the number of cores. */
        public Builder jobs(int n) {
            this.jobs = n;
            return this;
        }

        /** {@code --snapshotter}: auto, overlay or native. */
        public Builder snapshotter(String mode) {
            this.snapshotter = mode;
            return this;
        }

        /** {@code --isolation}: auto, oci (runc or crun) or chroot. */
        public Builder isolation(String mode) {
            this.isolation = mode;
            return this;
        }

        /** {@code --runtime}: the OCI runtime binary, default crun, else runc, from PATH. */
        public Builder runtime(Path binary) {
            this.runtime = binary;
            return this;
        }

        /** {@code --insecure-registry}. */
        public Builder insecureRegistry(String host) {
            insecureRegistries.add(host);
            return this;
        }

        /** {@code --pull}: look base images up in their registry even when stored. */
        public Builder pull(boolean p) {
            this.pull = p;
            return this;
        }

        /** {@code --no-cache}: run every step; results are still recorded for later builds. */
        public Builder noCache(boolean n) {
            this.noCache = n;
            return this;
        }

        /**
         * {@code --no-cache-filter}: the RUN, COPY/ADD and WORKDIR steps of these stages (by name,
         * case-insensitive; each argument may be a comma-separated list) run instead of being taken
         * from the cache, and are still recorded. A name no stage has fails the build.
         */
        public Builder noCacheFilter(String... stages) {
            for (String list : stages) {
                for (String name : list.split(",")) {
                    if (!name.isBlank()) {
                        noCacheFilter.add(name.trim().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            return this;
        }

        /**
         * {@code --explain-cache}: after the steps, the listener hears, for every step that missed
         * the cache, why (compared with the last build of the same Dockerfile and target on this root).
         */
        public Builder explainCache(boolean e) {
            this.explainCache = e;
            return this;
        }

        /**
         * After the build, when the root's blobs take more than {@code bytes}, remove the least
         * recently used cache records until they fit, then collect what nothing holds (as
         * BuildKit's default GC policy does). 0 never collects; negative (the default) is a tenth
         * of the size of the file system the root is on.
         */
        public Builder cacheKeepStorage(long bytes) {
            this.cacheKeepStorage = bytes;
            return this;
        }

        /** {@code --compression}: gzip (default), zstd or uncompressed. */
        public Builder compression(String c) {
            this.compression = c;
            return this;
        }

        /** {@code --network}: default, host or none, for RUN steps without {@code --network}. */
        public Builder network(String mode) {
            this.network = mode;
            return this;
        }

        /** {@code --add-host host:ip}. */
        public Builder addHost(String hostIp) {
            extraHosts.add(hostIp);
            return this;
        }

        /** Who hears the build's progress. */
        public Builder listener(BuildListener l) {
            this.listener = l == null ? BuildListener.NONE : l;
            return this;
        }

        /** Where {@code -o -} writes. */
        public Builder stdout(OutputStream out) {
            this.stdout = out;
            return this;
        }

        /**
         * {@code --cache-to}: where to export this build's cache, in buildx's syntax
         * ({@code type=registry,ref=REF[,mode=min|max][,ignore-error=true|false]},
         * {@code type=local,dest=DIR[,mode=...]}, {@code type=inline}); repeatable.
         *
         * @throws dev.stagecraft.StagecraftException naming what is wrong with {@code spec}
         */
        public Builder cacheTo(String spec) {
            dev.stagecraft.cache.remote.CacheSpec.parseExport(spec);
            cacheTo.add(spec);
            return this;
        }

        /**
         * {@code --cache-from}: a cache to use, {@code type=registry,ref=REF}, {@code type=local,src=DIR}
         * or a bare {@code REF} (a registry cache, or an image with an inline cache); repeatable.
         *
         * @throws dev.stagecraft.StagecraftException naming what is wrong with {@code spec}
         */
        public Builder cacheFrom(String spec) {
            dev.stagecraft.cache.remote.CacheSpec.parseImport(spec);
            cacheFrom.add(spec);
            return this;
        }

        /** The request; later changes to this builder do not reach it. */
        public BuildRequest build() {
            Builder c = new Builder(context);
            c.contextStream = contextStream;
            c.dockerfileContent = dockerfileContent;
            c.dockerfile = dockerfile;
            c.target = target;
            c.buildArgs.putAll(buildArgs);
            c.platform = platform;
            c.tags.addAll(tags);
            c.labels.putAll(labels);
            c.outputs.addAll(outputs);
            c.push = push;
            c.root = root;
            c.jobs = jobs;
            c.snapshotter = snapshotter;
            c.isolation = isolation;
            c.runtime = runtime;
            c.insecureRegistries.addAll(insecureRegistries);
            c.pull = pull;
            c.noCache = noCache;
            c.noCacheFilter.addAll(noCacheFilter);
            c.explainCache = explainCache;
            c.cacheKeepStorage = cacheKeepStorage;
            c.compression = compression;
            c.extraHosts.addAll(extraHosts);
            c.network = network;
            c.listener = listener;
            c.stdout = stdout;
            c.cacheTo.addAll(cacheTo);
            c.cacheFrom.addAll(cacheFrom);
            return new BuildRequest(c);
        }
    }
}
