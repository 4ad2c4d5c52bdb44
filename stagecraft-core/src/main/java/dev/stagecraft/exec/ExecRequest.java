package dev.stagecraft.exec;

import java.nio.file.Path;
import java.util.List;

/**
 * One process to run in a container.
 *
 * @param rootfs     the mounted root filesystem (writable)
 * @param args       argv, the shell already prepended for RUN's shell form
 * @param env        {@code K=V}, in order; PATH is added when absent as BuildKit does
 * @param cwd        absolute working directory, created when missing
 * @param user       {@code user[:group]} by name or id, resolved in the rootfs's /etc/passwd and
 *                   /etc/group; empty for root
 * @param hostname   the container's hostname ({@code buildkitsandbox} for builds)
 * @param network    how the process reaches the network
 * @param insecure   {@code --security=insecure}: all capabilities, no seccomp/AppArmor, writable /sys
 * @param mounts     extra mounts, applied in order after the standard ones
 * @param extraHosts {@code host:ip} entries added to the generated /etc/hosts
 * @param shmSizeBytes size of /dev/shm; 0 for the default (64 MiB)
 */
public record ExecRequest(Path rootfs, List<String> args, List<String> env, String cwd, String user,
        String hostname, NetworkMode network, boolean insecure, List<MountSpec> mounts, List<String> extraHosts,
        long shmSizeBytes) {
    public ExecRequest {
        args = List.copyOf(args);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        extraHosts = List.copyOf(extraHosts);
    }
}
