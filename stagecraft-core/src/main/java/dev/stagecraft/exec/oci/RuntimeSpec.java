package dev.stagecraft.exec.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagecraft.exec.ExecException;
import dev.stagecraft.exec.ExecRequest;
import dev.stagecraft.exec.HostLimits;
import dev.stagecraft.exec.MountSpec;
import dev.stagecraft.exec.NetworkMode;
import dev.stagecraft.exec.ProcessSetup;
import java.nio.file.Path;
import java.util.List;

/**
 * The OCI runtime {@code config.json} of one step, with the defaults of Docker/BuildKit: Docker's
 * capability set, runc's masked and read-only paths, the standard /proc, /dev, /sys mounts, and no
 * {@code cgroupsPath} (the runtime's default per-container cgroup works on v1, v2 and hybrid hosts).
 */
final class RuntimeSpec {
    static final List<String> DEFAULT_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    static final List<String> ALL_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
            "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
            "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
            "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");
    static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
            "/proc/scsi");
    static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");
    static final long DEFAULT_SHM_BYTES = 64L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuntimeSpec() {
    }

    static ObjectNode build(ExecRequest request, ProcessSetup setup, Path hostsFile, Path resolvFile) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ociVersion", "1.0.2");
        root.set("process", process(request, setup));
        ObjectNode fs = root.putObject("root");
        fs.put("path", request.rootfs().toAbsolutePath().toString());
        fs.put("readonly", false);
        if (request.hostname() != null && !request.hostname().isEmpty()) {
            root.put("hostname", request.hostname());
        }
        root.set("mounts", mounts(request, hostsFile, resolvFile));
        root.set("linux", linux(request));
        return root;
    }

    private static ObjectNode process(ExecRequest request, ProcessSetup setup) {
        ObjectNode p = JSON.createObjectNode();
        p.put("terminal", false);
        ObjectNode user = p.putObject("user");
        user.put("uid", setup.user().uid());
        user.put("gid", setup.user().gid());
        if (!setup.user().additionalGids().isEmpty()) {
            ArrayNode gids = user.putArray("additionalGids");
            setup.user().additionalGids().forEach(gids::add);
        }
        strings(p.putArray("args"), request.args());
        strings(p.putArray("env"), setup.env());
        p.put("cwd", setup.cwd());
        List<String> caps = request.insecure() ? grantable() : DEFAULT_CAPS;
        ObjectNode c = p.putObject("capabilities");
        for (String set : new String[] {"bounding", "effective", "permitted"}) {
            strings(c.putArray(set), caps);
        }
        ObjectNode nofile = p.putArray("rlimits").addObject();
        nofile.put("type", "RLIMIT_NOFILE");
        long limit = HostLimits.openFilesLimit();
        nofile.put("hard", limit);
        nofile.put("soft", limit);
        // setuid binaries (su, sudo, ping) must keep working in build steps, as in Docker.
        p.put("noNewPrivileges", false);
        return p;
    }

    // ALL_CAPS is in kernel bit order; the runtime cannot grant what the builder itself lacks.
    private static List<String> grantable() {
        List<String> out = new java.util.ArrayList<>();
        for (int bit = 0; bit < ALL_CAPS.size(); bit++) {
            if (HostLimits.hasCapability(bit)) {
                out.add(ALL_CAPS.get(bit));
            }
        }
        return out;
    }

    private static ArrayNode mounts(ExecRequest request, Path hostsFile, Path resolvFile) {
        ArrayNode m = JSON.createArrayNode();
        mount(m, "/proc", "proc", "proc", "nosuid", "noexec", "nodev");
        mount(m, "/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
        mount(m, "/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620",
                "gid=5");
        long shm = request.shmSizeBytes() > 0 ? request.shmSizeBytes() : DEFAULT_SHM_BYTES;
        mount(m, "/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=" + shm);
        mount(m, "/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
        if (request.insecure()) {
            mount(m, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "rw");
            mount(m, "/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "rw");
        } else {
            mount(m, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro");
            mount(m, "/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro");
        }
        mount(m, "/etc/resolv.conf", "bind", resolvFile.toString(), "rbind", "ro");
        mount(m, "/etc/hosts", "bind", hostsFile.toString(), "rbind", "ro");
        for (MountSpec spec : request.mounts()) {
            switch (spec.type()) {
                case "bind" -> mount(m, spec.destination(), "bind", spec.source().toAbsolutePath().toString(),
                        "rbind", spec.readOnly() ? "ro" : "rw");
                case "tmpfs" -> {
                    if (spec.sizeBytes() > 0) {
                        mount(m, spec.destination(), "tmpfs", "tmpfs", "nosuid", "nodev", "mode=1777",
                                "size=" + spec.sizeBytes());
                    } else {
                        mount(m, spec.destination(), "tmpfs", "tmpfs", "nosuid", "nodev", "mode=1777");
                    }
                }
                default -> throw new ExecException("unsupported mount type " + spec.type() + " for "
                        + spec.destination());
            }
        }
        return m;
    }

    private static ObjectNode linux(ExecRequest request) {
        ObjectNode l = JSON.createObjectNode();
        ArrayNode ns = l.putArray("namespaces");
        for (String type : new String[] {"pid", "ipc", "uts", "mount"}) {
            ns.addObject().put("type", type);
        }
        if (request.network() == NetworkMode.NONE) {
            ns.addObject().put("type", "network");
        }
        // Deny every device node but the runtime's defaults (null, zero, full, tty, random, urandom,
        // ptmx), as Docker does; a created block device must not reach the host's disks.
        ObjectNode device = l.putObject("resources").putArray("devices").addObject();
        device.put("allow", request.insecure());
        device.put("access", "rwm");
        if (!request.insecure()) {
            strings(l.putArray("maskedPaths"), MASKED_PATHS);
            strings(l.putArray("readonlyPaths"), READONLY_PATHS);
        }
        return l;
    }

    private static void mount(ArrayNode m, String destination, String type, String source, String... options) {
        ObjectNode o = m.addObject();
        o.put("destination", destination);
        o.put("type", type);
        o.put("source", source);
        strings(o.putArray("options"), List.of(options));
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    static byte[] toJson(ObjectNode spec) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(spec);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ExecException("cannot write the OCI runtime config", e);
        }
    }
}
