package dev.stagecraft.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /etc/hosts} and {@code /etc/resolv.conf} a step sees, generated as BuildKit's OCI
 * executor generates them and bind-mounted read-only over the image's files.
 */
public final class ContainerFiles {
    private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");
    private static final Path SYSTEMD_RESOLV_CONF = Path.of("/run/systemd/resolve/resolv.conf");
    private static final List<String> DEFAULT_NAMESERVERS =
            List.of("8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844");

    private ContainerFiles() {
    }

    /**
     * {@code 127.0.0.1 localhost <hostname>}, the IPv6 loopback names, then one
     * {@code ip<TAB>host} line per {@code host:ip} entry (the ip may itself contain colons).
     */
    public static String hosts(String hostname, List<String> extraHosts) {
        StringBuilder b = new StringBuilder();
        b.append("127.0.0.1\tlocalhost");
        if (hostname != null && !hostname.isEmpty()) {
            b.append(' ').append(hostname);
        }
        b.append("\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        for (String entry : extraHosts) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new ExecException("invalid extra host \"" + entry + "\": expected host:ip");
            }
            b.append(entry, colon + 1, entry.length()).append('\t').append(entry, 0, colon).append('\n');
        }
        return b.toString();
    }

    /** {@link #resolvConf(String, NetworkMode)} of this machine's resolver configuration. */
    public static String resolvConf(NetworkMode network) throws IOException {
        String main = read(HOST_RESOLV_CONF);
        // Under systemd-resolved the host file names only the local stub, which a network
        // namespace of its own cannot reach; BuildKit then reads resolved's upstream list.
        if (network != NetworkMode.HOST && onlyNameserver(main, "127.0.0.53") && Files.exists(SYSTEMD_RESOLV_CONF)) {
            main = read(SYSTEMD_RESOLV_CONF);
        }
        return resolvConf(main, network);
    }

    /**
     * BuildKit's rule: with the host network the host's file is kept as it is; otherwise (or when
     * it names no nameserver at all) loopback nameservers are dropped and, when none remain,
     * Google's public resolvers (IPv4 and IPv6) are added.
     */
    public static String resolvConf(String hostText, NetworkMode network) {
        if (network == NetworkMode.HOST && !nameservers(hostText).isEmpty()) {
            return hostText;
        }
        StringBuilder b = new StringBuilder();
        for (String line : hostText.split("\n", -1)) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver") && isLoopback(f[1])) {
                continue;
            }
            b.append(line).append('\n');
        }
        String out = b.toString().replaceAll("\n{3,}", "\n\n").replaceAll("\n+$", "\n");
        if (out.equals("\n")) {
            out = "";
        }
        if (nameservers(out).isEmpty()) {
            StringBuilder add = new StringBuilder(out);
            for (String ns : DEFAULT_NAMESERVERS) {
                add.append("\nnameserver ").append(ns);
            }
            out = add.append('\n').toString();
        }
        return out;
    }

    private static boolean onlyNameserver(String text, String ip) {
        List<String> ns = nameservers(text);
        return ns.size() == 1 && ns.get(0).equals(ip);
    }

    private static List<String> nameservers(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                out.add(f[1]);
            }
        }
        return out;
    }

    private static boolean isLoopback(String ip) {
        return ip.startsWith("127.") || ip.equals("::1");
    }

    private static String read(Path p) throws IOException {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
