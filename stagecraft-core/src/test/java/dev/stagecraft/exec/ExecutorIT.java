package dev.stagecraft.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.exec.chroot.ChrootExecutor;
import dev.stagecraft.exec.oci.OciRuntimeExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every behaviour of a RUN step, against runc, crun and the chroot executor (root required). */
class ExecutorIT {
    private static final String DOCKER_CAPS = "00000000a80425fb";

    @TempDir
    Path tmp;
    Path rootfs;
    Path state;

    @BeforeEach
    void rootfs() throws Exception {
        rootfs = BusyboxRootfs.create(Files.createDirectory(tmp.resolve("rootfs")));
        state = Files.createDirectory(tmp.resolve("state"));
    }

    private Executor executor(String kind) throws IOException {
        if (kind.equals("chroot")) {
            return new ChrootExecutor(state);
        }
        Path runtime = OciRuntimeExecutor.find(Optional.of(Path.of(kind))).orElseThrow();
        return new OciRuntimeExecutor(runtime, state);
    }

    /** Output collected per stream. */
    static final class Captured implements ProcessOutput {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int stream, byte[] bytes, int offset, int length) {
            (stream == 1 ? out : err).write(bytes, offset, length);
        }

        synchronized String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private ExecRequest request(String script) {
        return request(script, "", NetworkMode.NONE, List.of());
    }

    private ExecRequest request(String script, String user, NetworkMode network, List<MountSpec> mounts) {
        return new ExecRequest(rootfs, List.of("/bin/sh", "-c", script), List.of(), "/", user, "buildkitsandbox",
                network, false, mounts, List.of(), 0);
    }

    private Captured run(String kind, ExecRequest request, int expectedExit) throws Exception {
        Captured c = new Captured();
        ExecResult r = executor(kind).run(request, c);
        assertThat(r.exitCode()).as("exit code; stdout=%s stderr=%s", c.out(), c.err()).isEqualTo(expectedExit);
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun"})
    void missingKernelMountPointsAreMadeAsRuncMakesThem(String kind) throws Exception {
        for (String dir : List.of("dev", "proc", "sys")) {
            dev.stagecraft.io.FileTrees.deleteRecursively(rootfs.resolve(dir));
        }
        run(kind, request("true"), 0);
        // They stay in the step's layer, as BuildKit's do: the same mode whichever runtime made them.
        for (String dir : List.of("dev", "proc", "sys")) {
            assertThat(Files.getAttribute(rootfs.resolve(dir), "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .as(dir).isEqualTo(040755);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void stdoutAndStderrAreSeparate(String kind) throws Exception {
        Captured c = run(kind, request("echo to-out; echo to-err >&2"), 0);
        assertThat(c.out()).isEqualTo("to-out\n");
        assertThat(c.err()).isEqualTo("to-err\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void exitCodeIsTheProcesss(String kind) throws Exception {
        ExecResult r = executor(kind).run(request("exit 7"), ProcessOutput.DISCARD);
        assertThat(r).isEqualTo(new ExecResult(7, 0));
        assertThat(r.succeeded()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void aProcessKilledBySignalNineIs137(String kind) throws Exception {
        ExecResult r = executor(kind).run(request("sh -c 'kill -9 $$'; exit $?"), ProcessOutput.DISCARD);
        assertThat(r).isEqualTo(new ExecResult(137, 9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void pidOneIgnoresItsOwnKillAsInBuildKit(String kind) throws Exception {
        Captured c = run(kind, request("echo $$; kill -9 $$; echo survived"), 0);
        assertThat(c.out()).isEqualTo("1\nsurvived\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void envCwdAndDefaultPath(String kind) throws Exception {
        ExecRequest r = new ExecRequest(rootfs, List.of("/bin/sh", "-c", "echo $FOO; pwd; echo $PATH; echo $HOME"),
                List.of("FOO=bar baz"), "/work/dir", "", "buildkitsandbox", NetworkMode.NONE, false, List.of(),
                List.of(), 0);
        Captured c = run(kind, r, 0);
        assertThat(c.out()).isEqualTo("bar baz\n/work/dir\n" + ProcessSetup.DEFAULT_PATH + "\n/root\n");
        assertThat(Files.getAttribute(rootfs.resolve("work/dir"), "unix:uid")).isEqualTo(0);
        Captured own = run(kind, new ExecRequest(rootfs, List.of("sh", "-c", "echo $PATH"), List.of("PATH=/bin"), "/",
                "", "h", NetworkMode.NONE, false, List.of(), List.of(), 0), 0);
        assertThat(own.out()).isEqualTo("/bin\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void userByNameHasItsGroupsAndHome(String kind) throws Exception {
        Captured c = run(kind, request("grep -E '^(Uid|Gid|Groups):' /proc/self/status; echo $HOME; id -un",
                "app", NetworkMode.NONE, List.of()), 0);
        assertThat(c.out()).isEqualTo("Uid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\n"
                + "Groups:\t29 44 \n/home/app\napp\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void userByUidAndGid(String kind) throws Exception {
        Captured c = run(kind, request("grep -E '^(Uid|Gid|Groups):' /proc/self/status; grep CapEff /proc/self/status",
                "4242:4343", NetworkMode.NONE, List.of()), 0);
        assertThat(c.out()).isEqualTo("Uid:\t4242\t4242\t4242\t4242\nGid:\t4343\t4343\t4343\t4343\nGroups:\t \n"
                + "CapEff:\t0000000000000000\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void unknownUserIsAnError(String kind) {
        assertThatThrownBy(() -> executor(kind).run(request("true", "bob", NetworkMode.NONE, List.of()),
                ProcessOutput.DISCARD)).isInstanceOf(ExecException.class)
                .hasMessage("unable to find user bob: no matching entries in passwd file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void aMissingExecutableIsAnError(String kind) {
        ExecRequest r = new ExecRequest(rootfs, List.of("nonexistent-cmd"), List.of(), "/", "", "h", NetworkMode.NONE,
                false, List.of(), List.of(), 0);
        assertThatThrownBy(() -> executor(kind).run(r, ProcessOutput.DISCARD)).isInstanceOf(ExecException.class)
                .hasMessageStartingWith("exec: \"nonexistent-cmd\": executable file not found in $PATH");
        ExecRequest abs = new ExecRequest(rootfs, List.of("/nope/x"), List.of(), "/", "", "h", NetworkMode.NONE,
                false, List.of(), List.of(), 0);
        assertThatThrownBy(() -> executor(kind).run(abs, ProcessOutput.DISCARD)).isInstanceOf(ExecException.class)
                .hasMessageStartingWith("exec: \"/nope/x\": stat /nope/x: no such file or directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void hostnameHostsAndResolvConf(String kind) throws Exception {
        ExecRequest r = new ExecRequest(rootfs, List.of("sh", "-c", "hostname; cat /etc/hosts; echo ---;"
                + " cat /etc/resolv.conf"), List.of(), "/", "", "buildkitsandbox", NetworkMode.NONE, false, List.of(),
                List.of("db.local:10.9.8.7"), 0);
        Captured c = run(kind, r, 0);
        assertThat(c.out()).isEqualTo("buildkitsandbox\n"
                + ContainerFiles.hosts("buildkitsandbox", List.of("db.local:10.9.8.7")) + "---\n"
                + ContainerFiles.resolvConf(NetworkMode.NONE));
        // The mount points made for them on a rootfs without those files do not stay in the layer.
        assertThat(rootfs.resolve("etc/hosts")).doesNotExist();
        assertThat(rootfs.resolve("etc/resolv.conf")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void hostNetworkKeepsTheHostsResolvConf(String kind) throws Exception {
        Captured c = run(kind, request("cat /etc/resolv.conf", "", NetworkMode.HOST, List.of()), 0);
        assertThat(c.out()).isEqualTo(ContainerFiles.resolvConf(NetworkMode.HOST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void devProcAndSys(String kind) throws Exception {
        Captured c = run(kind, request("echo x > /dev/null && echo shm-ok > /dev/shm/f && cat /dev/shm/f;"
                + " head -c 4 /dev/zero | wc -c; test -r /proc/self/status && echo proc-ok;"
                + " awk '$2==\"/sys\" {split($4, o, \",\"); print o[1]}' /proc/mounts;"
                + " touch /sys/x 2>/dev/null || echo sys-readonly; ls -l /dev/ptmx | cut -c1"), 0);
        assertThat(c.out()).isEqualTo("shm-ok\n4\nproc-ok\nro\nsys-readonly\nl\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void shmSizeComesFromTheRequest(String kind) throws Exception {
        ExecRequest r = new ExecRequest(rootfs, List.of("sh", "-c", "df -k /dev/shm | tail -1 | awk '{print $2}'"),
                List.of(), "/", "", "h", NetworkMode.NONE, false, List.of(), List.of(), 32L * 1024 * 1024);
        assertThat(run(kind, r, 0).out()).isEqualTo("32768\n");
        assertThat(run(kind, request("df -k /dev/shm | tail -1 | awk '{print $2}'"), 0).out()).isEqualTo("65536\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void rootHasDockersDefaultCapabilities(String kind) throws Exception {
        Captured c = run(kind, request("grep -E '^Cap(Eff|Prm|Bnd|Amb)' /proc/self/status"), 0);
        assertThat(c.out()).isEqualTo("CapPrm:\t" + DOCKER_CAPS + "\nCapEff:\t" + DOCKER_CAPS + "\nCapBnd:\t"
                + DOCKER_CAPS + "\nCapAmb:\t0000000000000000\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void insecureHasAllOfTheBuildersCapabilitiesAndAWritableSys(String kind) throws Exception {
        String builderCaps = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow().substring(7).trim();
        ExecRequest r = new ExecRequest(rootfs, List.of("sh", "-c", "grep CapEff /proc/self/status;"
                + " awk '$2==\"/sys\" {split($4, o, \",\"); print o[1]}' /proc/mounts"), List.of(), "/", "", "h",
                NetworkMode.NONE, true, List.of(), List.of(), 0);
        assertThat(run(kind, r, 0).out()).isEqualTo("CapEff:\t" + builderCaps + "\nrw\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void networkNoneSeesOnlyLoopback(String kind) throws Exception {
        Captured c = run(kind, request("ls /sys/class/net; cat /sys/class/net/lo/operstate"), 0);
        assertThat(c.out()).isEqualTo("lo\nunknown\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void networkHostSeesTheHostsInterfaces(String kind) throws Exception {
        List<String> host;
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            host = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Captured c = run(kind, request("ls -1 /sys/class/net | sort", "", NetworkMode.HOST, List.of()), 0);
        assertThat(c.out().lines().toList()).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void readOnlyBindAndTmpfsMounts(String kind) throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(src.resolve("f"), "from-host\n");
        List<MountSpec> mounts = List.of(MountSpec.bind(src, "/mnt/in", true), MountSpec.tmpfs("/mnt/scratch",
                8L * 1024 * 1024));
        Captured c = run(kind, request("cat /mnt/in/f; touch /mnt/in/new 2>/dev/null || echo in-readonly;"
                + " echo t > /mnt/scratch/t && cat /mnt/scratch/t;"
                + " df -k /mnt/scratch | tail -1 | awk '{print $1, $2}'", "", NetworkMode.NONE, mounts), 0);
        assertThat(c.out()).isEqualTo("from-host\nin-readonly\nt\ntmpfs 8192\n");
        assertThat(src.resolve("new")).doesNotExist();
        assertThat(rootfs.resolve("mnt")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void aMissingBindSourceIsAnError(String kind) {
        Path missing = tmp.resolve("missing");
        assertThatThrownBy(() -> executor(kind).run(request("true", "", NetworkMode.NONE,
                List.of(MountSpec.bind(missing, "/m", false))), ProcessOutput.DISCARD))
                .isInstanceOf(ExecException.class).hasMessageContaining(missing.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void aBackgroundChildDoesNotOutliveTheStep(String kind) throws Exception {
        Executor executor = executor(kind);
        ExecResult r = executor.run(request("sleep 987651 & echo started; exit 3"), ProcessOutput.DISCARD);
        assertThat(r).isEqualTo(new ExecResult(3, 0));
        assertNothingLeft(executor, "987651");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "crun", "chroot"})
    void interruptKillsTheStepAndCleansUp(String kind) throws Exception {
        Executor executor = executor(kind);
        CountDownLatch started = new CountDownLatch(1);
        ProcessOutput output = (stream, bytes, offset, length) -> {
            if (new String(bytes, offset, length, StandardCharsets.UTF_8).contains("ready")) {
                started.countDown();
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                executor.run(request("sleep 987652 & echo ready; sleep 987653"), output);
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                started.countDown(); // a step that fails to start must not leave the test waiting
            }
        });
        runner.start();
        started.await();
        assertThat(thrown.get()).as("the step failed before it started").isNull();
        runner.interrupt();
        runner.join();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertNothingLeft(executor, "987652");
        assertNothingLeft(executor, "987653");
    }

    private void assertNothingLeft(Executor executor, String sleepArg) throws IOException {
        assertThat(processesWithArg(sleepArg)).as("processes running sleep " + sleepArg).isEmpty();
        if (executor instanceof OciRuntimeExecutor oci) {
            try (Stream<Path> s = Files.list(oci.bundlesDir())) {
                assertThat(s.toList()).as("bundles").isEmpty();
            }
            ChildProcesses.Outcome list = ChildProcesses.runToEnd(List.of(
                    OciRuntimeExecutor.find(Optional.of(Path.of(executor.name()))).orElseThrow().toString(),
                    "--root", oci.runtimeRoot().toString(), "list", "-q"));
            assertThat(list.output().strip()).as("containers").isEmpty();
        } else {
            try (Stream<Path> s = Files.list(state)) {
                assertThat(s.toList()).as("step dirs").isEmpty();
            }
        }
        List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        assertThat(mounts).noneMatch(l -> l.contains(rootfs.toString()));
    }

    private static List<Long> processesWithArg(String arg) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.equals("sleep\0" + arg + "\0")) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }
}
