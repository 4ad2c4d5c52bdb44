package dev.stagecraft.exec.chroot;

import dev.stagecraft.exec.ExecException;
import dev.stagecraft.exec.ExecRequest;
import dev.stagecraft.exec.HostLimits;
import dev.stagecraft.exec.MountSpec;
import dev.stagecraft.exec.NetworkMode;
import dev.stagecraft.exec.ProcessSetup;
import dev.stagecraft.exec.RootfsPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell script that runs as pid 1 of the new namespaces: it mounts what a runtime would mount
 * into the rootfs (all mounts stay in the private mount namespace and vanish with it), names the
 * host, then execs {@code env -i} → {@code setpriv} (gid, groups, capability bounding set) →
 * {@code unshare --root --wd --setuid} (chroot, cwd, uid) → the step's command.
 */
final class ChrootScript {
    private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");
    private static final List<String> DEFAULT_CAPS = List.of("chown", "dac_override", "fsetid", "fowner", "mknod",
            "net_raw", "setgid", "setuid", "setfcap", "setpcap", "net_bind_service", "sys_chroot", "kill",
            "audit_write");
    private static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/kcore",
            "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/sys/firmware", "/proc/scsi");
    private static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");
    private static final long DEFAULT_SHM_BYTES = 64L * 1024 * 1024;

    private final StringBuilder s = new StringBuilder("set -e\nPATH=/usr/sbin:/usr/bin:/sbin:/bin\n");

    private ChrootScript() {
    }

    /**
     * @param startedMarker a file the script creates just before it execs the step's command, so
     *                      that a failing setup can be told apart from a failing command
     */
    static String build(ExecRequest request, ProcessSetup setup, Path hostsFile, Path resolvFile, Path startedMarker)
            throws IOException {
        ChrootScript c = new ChrootScript();
        Path root = request.rootfs().toAbsolutePath();
        c.standardMounts(request, root);
        c.bindFile(hostsFile, RootfsPaths.resolve(root, "/etc/hosts"), true);
        c.bindFile(resolvFile, RootfsPaths.resolve(root, "/etc/resolv.conf"), true);
        for (MountSpec m : request.mounts()) {
            Path target = RootfsPaths.resolve(root, m.destination());
            switch (m.type()) {
                case "bind" -> {
                    if (Files.isDirectory(m.source())) {
                        c.line("mkdir -p " + q(target));
                        c.line("mount --rbind " + q(m.source().toAbsolutePath()) + " " + q(target));
                        if (m.readOnly()) {
                            c.line("mount -o remount,bind,ro " + q(target));
                        }
                    } else {
                        c.bindFile(m.source().toAbsolutePath(), target, m.readOnly());
                    }
                }
                case "tmpfs" -> {
                    c.line("mkdir -p " + q(target));
                    String size = m.sizeBytes() > 0 ? ",size=" + m.sizeBytes() : "";
                    c.line("mount -t tmpfs -o nosuid,nodev,mode=1777" + size + " tmpfs " + q(target));
                }
                default -> throw new ExecException("unsupported mount type " + m.type() + " for " + m.destination());
            }
        }
        if (request.hostname() != null && !request.hostname().isEmpty()) {
            c.line("hostname " + q(request.hostname()));
        }
        if (request.network() == NetworkMode.NONE) {
            c.line("ip link set lo up");
        }
        c.line("ulimit -n " + HostLimits.openFilesLimit());
        c.line(": > " + q(startedMarker));
        c.exec(request, setup, root);
        return c.s.toString();
    }

    private void standardMounts(ExecRequest request, Path root) {
        String proc = q(root.resolve("proc"));
        String dev = q(root.resolve("dev"));
        line("mkdir -p " + proc + " " + dev + " " + q(root.resolve("sys")));
        line("mount -t proc -o nosuid,noexec,nodev proc " + proc);
        line("mount -t tmpfs -o nosuid,strictatime,mode=755,size=65536k tmpfs " + dev);
        for (String d : DEVICES) {
            line(": > " + q(root.resolve("dev").resolve(d)) + " && mount --bind /dev/" + d + " "
                    + q(root.resolve("dev").resolve(d)));
        }
        line("mkdir " + q(root.resolve("dev/pts")) + " " + q(root.resolve("dev/shm")) + " "
                + q(root.resolve("dev/mqueue")));
        line("mount -t devpts -o nosuid,noexec,newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "
                + q(root.resolve("dev/pts")));
        long shm = request.shmSizeBytes() > 0 ? request.shmSizeBytes() : DEFAULT_SHM_BYTES;
        line("mount -t tmpfs -o nosuid,noexec,nodev,mode=1777,size=" + shm + " shm " + q(root.resolve("dev/shm")));
        line("mount -t mqueue -o nosuid,noexec,nodev mqueue " + q(root.resolve("dev/mqueue")));
        line("ln -s pts/ptmx " + q(root.resolve("dev/ptmx")));
        line("ln -s /proc/self/fd " + q(root.resolve("dev/fd")));
        String[] std = {"stdin", "stdout", "stderr"};
        for (int i = 0; i < std.length; i++) {
            line("ln -s /proc/self/fd/" + i + " " + q(root.resolve("dev").resolve(std[i])));
        }
        line("mount -t sysfs -o nosuid,noexec,nodev," + (request.insecure() ? "rw" : "ro") + " sysfs "
                + q(root.resolve("sys")));
        if (!request.insecure()) {
            for (String p : MASKED_PATHS) {
                String t = q(root.resolve(p.substring(1)));
                line("if [ -d " + t + " ]; then mount -t tmpfs -o ro tmpfs " + t + "; elif [ -e " + t
                        + " ]; then mount --bind /dev/null " + t + "; fi");
            }
            for (String p : READONLY_PATHS) {
                String t = q(root.resolve(p.substring(1)));
                line("if [ -e " + t + " ]; then mount --bind " + t + " " + t + " && mount -o remount,bind,ro " + t
                        + "; fi");
            }
        }
    }

    private void bindFile(Path source, Path target, boolean readOnly) {
        line("[ -e " + q(target) + " ] || { mkdir -p " + q(target.getParent()) + " && : > " + q(target) + "; }");
        line("mount --bind " + q(source) + " " + q(target));
        if (readOnly) {
            line("mount -o remount,bind,ro " + q(target));
        }
    }

    private void exec(ExecRequest request, ProcessSetup setup, Path root) {
        StringBuilder b = new StringBuilder("exec /usr/bin/env -i");
        for (String e : setup.env()) {
            b.append(' ').append(q(e));
        }
        b.append(" /usr/bin/setpriv --regid ").append(setup.user().gid());
        if (setup.user().additionalGids().isEmpty()) {
            b.append(" --clear-groups");
        } else {
            b.append(" --groups ").append(setup.user().additionalGids().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
        }
        if (!request.insecure()) {
            b.append(" --bounding-set -all,").append(DEFAULT_CAPS.stream().map(c -> "+" + c)
                    .collect(Collectors.joining(",")));
        }
        b.append(" -- /usr/bin/unshare --root=").append(q(root)).append(" --wd=").append(q(setup.cwd()))
                .append(" --setuid=").append(setup.user().uid()).append(" -- \"$@\"");
        line(b.toString());
    }

    private void line(String l) {
        s.append(l).append('\n');
    }

    static String q(Object o) {
        return "'" + o.toString().replace("'", "'\\''") + "'";
    }
}
