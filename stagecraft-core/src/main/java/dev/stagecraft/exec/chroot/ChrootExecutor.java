package dev.stagecraft.exec.chroot;

import dev.stagecraft.exec.ChildProcesses;
import dev.stagecraft.exec.ContainerFiles;
import dev.stagecraft.exec.ExecException;
import dev.stagecraft.exec.ExecRequest;
import dev.stagecraft.exec.ExecResult;
import dev.stagecraft.exec.Executor;
import dev.stagecraft.exec.MountSpec;
import dev.stagecraft.exec.MountStubs;
import dev.stagecraft.exec.NetworkMode;
import dev.stagecraft.exec.OutputPumps;
import dev.stagecraft.exec.ProcessOutput;
import dev.stagecraft.exec.ProcessSetup;
import dev.stagecraft.io.FileTrees;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs steps without an OCI runtime ({@code --isolation chroot}): util-linux {@code unshare}
 * creates mount, pid, ipc and uts namespaces (and a network namespace for {@link NetworkMode#NONE}),
 * a shell script as pid 1 mounts /proc, a minimal /dev (null, zero, full, random, urandom, tty,
 * pts, shm, mqueue), a read-only /sys, the generated hosts and resolv.conf and the request's
 * mounts into the rootfs, sets the hostname, and execs the command chrooted, in its working
 * directory, as its user, with its environment. It needs root and the tools {@code unshare},
 * {@code setpriv}, {@code env}, {@code mount}, {@code hostname} and (for NONE) {@code ip}.
 *
 * <p>What matches the OCI executor: exit codes (128+n for a signal), output, user and groups,
 * {@code HOME}, cwd, env, hostname, hosts/resolv.conf, Docker's capability bounding set (via
 * {@code setpriv}), the open-files limit, runc's masked and read-only /proc paths, the process as pid 1 of its pid
 * namespace (everything it left running dies with it).
 *
 * <p>Differences from a runtime: no cgroup (no device-node restriction: a step with
 * {@code CAP_MKNOD} can create and use device nodes; no {@code /sys/fs/cgroup} mount), no seccomp
 * or AppArmor profile, no {@code pivot_root} (a chroot, which a process with
 * {@code CAP_SYS_CHROOT} could escape by chrooting again), the working directory is entered before
 * the uid changes (a cwd the user cannot search still works).
 */
public final class ChrootExecutor implements Executor {
    private final Path stateDir;

    /** @param stateDir where the per-step hosts and resolv.conf files are written (and removed) */
    public ChrootExecutor(Path stateDir) throws IOException {
        this.stateDir = stateDir.toAbsolutePath();
        Files.createDirectories(this.stateDir);
    }

    @Override
    public String name() {
        return "chroot";
    }

    @Override
    public ExecResult run(ExecRequest request, ProcessOutput output) throws IOException, InterruptedException {
        ProcessSetup setup = ProcessSetup.prepare(request);
        List<String> stubPaths = new ArrayList<>(List.of("/etc/hosts", "/etc/resolv.conf"));
        request.mounts().stream().map(MountSpec::destination).forEach(stubPaths::add);
        MountStubs stubs = MountStubs.record(request.rootfs().toAbsolutePath(), stubPaths);
        Path dir = Files.createTempDirectory(stateDir, "step-");
        try {
            Path hosts = dir.resolve("hosts");
            Path resolv = dir.resolve("resolv.conf");
            Files.writeString(hosts, ContainerFiles.hosts(request.hostname(), request.extraHosts()),
                    StandardCharsets.UTF_8);
            Files.writeString(resolv, ContainerFiles.resolvConf(request.network()), StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--ipc", "--uts"));
            if (request.network() == NetworkMode.NONE) {
                cmd.add("--net");
            }
            cmd.addAll(List.of("--fork", "--kill-child=SIGKILL", "--propagation", "private", "/bin/sh", "-c",
                    ChrootScript.build(request, setup, hosts, resolv, dir.resolve("started")), "sh"));
            cmd.addAll(request.args());
            ExecResult result = runNamespaced(cmd, output);
            if (!Files.exists(dir.resolve("started"))) {
                throw new ExecException("could not set up the chroot namespaces for " + request.rootfs()
                        + " (exit code " + result.exitCode() + "; the step's error output says why)");
            }
            return result;
        } finally {
            FileTrees.deleteRecursively(dir);
            stubs.clean();
        }
    }

    private static ExecResult runNamespaced(List<String> cmd, ProcessOutput output)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        OutputPumps pumps = OutputPumps.start(process, output, "chroot-" + process.pid());
        try {
            int code = process.waitFor();
            pumps.awaitEnd();
            return ChildProcesses.result(code);
        } catch (InterruptedException e) {
            stop(process);
            pumps.awaitEnd();
            Thread.interrupted();
            throw e;
        }
    }

    // SIGKILL to pid 1 of the namespace (unshare's only child) takes every process of the step
    // with it; unshare then exits. Before unshare has forked there is no child: kill unshare.
    private static void stop(Process process) {
        for (int attempt = 0; process.isAlive(); attempt++) {
            process.toHandle().children().forEach(ProcessHandle::destroyForcibly);
            if (ChildProcesses.waitUninterruptibly(process, 200)) {
                return;
            }
            if (attempt >= 5) {
                process.destroyForcibly();
            }
        }
    }
}
