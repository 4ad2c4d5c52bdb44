package dev.stagecraft.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {
    private static final Users USERS = Users.parse(BusyboxRootfs.PASSWD, BusyboxRootfs.GROUP);

    @TempDir
    Path dir;

    @Test
    void parsesPasswdAndGroupSkippingCommentsAndBadLines() {
        Users u = Users.parse("# comment\nroot:x:0:0:root:/root:/bin/sh\nbad:x:notanumber:0::/:\n\nshort:x:5\n",
                "wheel:x:10:root, app\nbroken:x:x:\n");
        assertThat(u.passwd()).containsExactly(new Users.Passwd("root", 0, 0, "/root"),
                new Users.Passwd("short", 5, 0, ""));
        assertThat(u.groups()).containsExactly(new Users.Group("wheel", 10, List.of("root", "app")));
    }

    @Test
    void emptyIsRootWithoutSupplementaryGroups() {
        assertThat(USERS.resolve("")).isEqualTo(new Users.ExecUser(0, 0, List.of(), "/root"));
    }

    @Test
    void nameTakesPrimaryGidHomeAndMemberships() {
        assertThat(USERS.resolve("app")).isEqualTo(new Users.ExecUser(1000, 1000, List.of(29, 44), "/home/app"));
        assertThat(USERS.resolve("daemon")).isEqualTo(new Users.ExecUser(1, 1, List.of(44), "/usr/sbin"));
    }

    @Test
    void numericUserWithAnEntryIsLookedUp() {
        assertThat(USERS.resolve("1000")).isEqualTo(new Users.ExecUser(1000, 1000, List.of(29, 44), "/home/app"));
    }

    @Test
    void numericUserWithoutAnEntryNeedsNone() {
        assertThat(USERS.resolve("4242")).isEqualTo(new Users.ExecUser(4242, 0, List.of(), "/"));
    }

    @Test
    void explicitGroupReplacesGidAndDropsSupplementaryGroups() {
        assertThat(USERS.resolve("app:audio")).isEqualTo(new Users.ExecUser(1000, 29, List.of(), "/home/app"));
        assertThat(USERS.resolve("app:4343")).isEqualTo(new Users.ExecUser(1000, 4343, List.of(), "/home/app"));
        assertThat(USERS.resolve(":video")).isEqualTo(new Users.ExecUser(0, 44, List.of(), "/root"));
    }

    @Test
    void numericUserAndGroupNeedNoLookup() {
        assertThat(USERS.resolve("1000:44")).isEqualTo(new Users.ExecUser(1000, 44, List.of(), "/home/app"));
        assertThat(USERS.resolve("4242:4343")).isEqualTo(new Users.ExecUser(4242, 4343, List.of(), "/"));
    }

    @Test
    void unknownNamesAreErrorsWithRuncWording() {
        assertThatThrownBy(() -> USERS.resolve("bob")).isInstanceOf(ExecException.class)
                .hasMessage("unable to find user bob: no matching entries in passwd file");
        assertThatThrownBy(() -> USERS.resolve("app:staff")).isInstanceOf(ExecException.class)
                .hasMessage("unable to find group staff: no matching entries in group file");
    }

    @Test
    void idsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> USERS.resolve("99999999999")).isInstanceOf(ExecException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void missingFilesMeanNoEntries() throws IOException {
        Users u = Users.read(dir);
        assertThat(u.resolve("0")).isEqualTo(new Users.ExecUser(0, 0, List.of(), "/"));
        assertThat(u.resolve("")).isEqualTo(new Users.ExecUser(0, 0, List.of(), "/"));
        assertThatThrownBy(() -> u.resolve("root")).hasMessage(
                "unable to find user root: no matching entries in passwd file");
    }

    @Test
    void readsTheRootfsFiles() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/passwd"), BusyboxRootfs.PASSWD);
        Files.writeString(dir.resolve("etc/group"), BusyboxRootfs.GROUP);
        assertThat(Users.read(dir).resolve("app").additionalGids()).containsExactly(29, 44);
    }

    @Test
    void anAbsoluteSymlinkOutOfTheRootfsIsResolvedInside(@TempDir Path outside) throws IOException {
        Path evil = Files.writeString(outside.resolve("passwd"), "evil:x:7:7::/evil:/bin/sh\n");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/passwd"), evil.toAbsolutePath());
        assertThatThrownBy(() -> Users.read(root).resolve("evil")).hasMessage(
                "unable to find user evil: no matching entries in passwd file");
    }

    @Test
    void aRelativeSymlinkClimbingOutStopsAtTheRootfs() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("passwd"), "evil:x:7:7::/evil:/bin/sh\n");
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("../../../../passwd"));
        assertThatThrownBy(() -> Users.read(root).resolve("evil")).isInstanceOf(ExecException.class);
        // The same link does reach a passwd file at the rootfs's own top.
        Files.writeString(root.resolve("passwd"), "inside:x:8:8::/in:/bin/sh\n");
        assertThat(Users.read(root).resolve("inside").uid()).isEqualTo(8);
    }

    @Test
    void aSymlinkedEtcIsFollowedInsideTheRootfs() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("real/etc"));
        Files.writeString(root.resolve("real/etc/passwd"), "linked:x:9:9::/l:/bin/sh\n");
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/real/etc"));
        assertThat(Users.read(root).resolve("linked")).isEqualTo(new Users.ExecUser(9, 9, List.of(), "/l"));
    }

    @Test
    void aSymlinkLoopIsAnError() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));
        assertThatThrownBy(() -> Users.read(root)).isInstanceOf(ExecException.class)
                .hasMessageContaining("too many levels of symbolic links");
    }

    @Test
    void chownUserNameTakesItsUidAndGid() {
        assertThat(USERS.resolveChown("app")).isEqualTo(new Users.Owner(1000, 1000));
        assertThat(USERS.resolveChown("daemon:video")).isEqualTo(new Users.Owner(1, 44));
    }

    @Test
    void chownNumericUserSetsGidToTheSameNumber() {
        assertThat(USERS.resolveChown("1000")).isEqualTo(new Users.Owner(1000, 1000));
        assertThat(USERS.resolveChown("4242")).isEqualTo(new Users.Owner(4242, 4242));
        assertThat(USERS.resolveChown("5:7")).isEqualTo(new Users.Owner(5, 7));
        assertThat(USERS.resolveChown("app:29")).isEqualTo(new Users.Owner(1000, 29));
    }

    @Test
    void chownUnknownNamesAreNotErrorsAsInBuildKit() {
        assertThat(USERS.resolveChown("bob")).isEqualTo(new Users.Owner(0, 0));
        assertThat(USERS.resolveChown("app:staff")).isEqualTo(new Users.Owner(1000, 1000));
        assertThat(USERS.resolveChown("bob:video")).isEqualTo(new Users.Owner(0, 44));
    }

    @Test
    void chownEmptyGroupIsRootGroupAsInBuildKit() {
        assertThat(USERS.resolveChown("app:")).isEqualTo(new Users.Owner(1000, 0));
    }
}
