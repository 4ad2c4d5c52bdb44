package dev.stagecraft.dockerfile.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.instruction.RunMount.MountType;
import org.junit.jupiter.api.Test;

class RunMountsTest {
    /** Expands $X to "x-value" and leaves everything else alone. */
    private static final WordExpander EXPAND = word -> word.replace("$X", "x-value");

    private static RunMount parse(String spec) {
        return RunMounts.parse(spec, EXPAND);
    }

    private static void fails(String spec, String message) {
        assertThatThrownBy(() -> parse(spec)).isInstanceOf(DockerfileException.class).hasMessage(message);
    }

    @Test
    void bindDefaults() {
        RunMount m = parse("target=/src");
        assertThat(m).isEqualTo(new RunMount(MountType.BIND, null, null, "/src", true, null, null, null, null,
                null, 0, false, null));
        assertThat(parse("type=bind,dst=/x,rw").readOnly()).isFalse();
        assertThat(parse("type=bind,destination=/x,readwrite=true,source=sub,from=build").source()).isEqualTo("sub");
    }

    @Test
    void cacheDefaultsAndOptions() {
        RunMount m = parse("TYPE=Cache,target=/root/.cache/$X,id=go,sharing=Locked,mode=0700,uid=1000,gid=1001");
        assertThat(m.type()).isEqualTo(MountType.CACHE);
        assertThat(m.target()).isEqualTo("/root/.cache/x-value");
        assertThat(m.readOnly()).isFalse();
        assertThat(m.id()).isEqualTo("go");
        assertThat(m.sharing()).isEqualTo("locked");
        assertThat(m.mode()).isEqualTo(0700);
        assertThat(m.uid()).isEqualTo(1000);
        assertThat(m.gid()).isEqualTo(1001);
        assertThat(parse("type=cache,target=/c").sharing()).isEqualTo("shared");
        assertThat(parse("type=cache,target=/c,ro").readOnly()).isTrue();
    }

    @Test
    void tmpfsSecretSsh() {
        RunMount tmpfs = parse("type=tmpfs,target=/t,size=64m");
        assertThat(tmpfs.sizeBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(tmpfs.readOnly()).isFalse();
        assertThat(parse("type=tmpfs,target=/t,size=1.5GiB").sizeBytes()).isEqualTo(1610612736L);
        RunMount secret = parse("type=secret,id=npm,env=NPM_TOKEN,required");
        assertThat(secret.type()).isEqualTo(MountType.SECRET);
        assertThat(secret.env()).isEqualTo("NPM_TOKEN");
        assertThat(secret.required()).isTrue();
        assertThat(secret.readOnly()).isTrue();
        RunMount ssh = parse("type=ssh,required=false,mode=0600");
        assertThat(ssh.required()).isFalse();
        assertThat(ssh.mode()).isEqualTo(0600);
    }

    @Test
    void parseTimePassOnlyReadsFrom() {
        RunMount m = RunMounts.parse("type=cache,target=/x,from=base,bogus,mode=zzz", null);
        assertThat(m.type()).isEqualTo(MountType.BIND);
        assertThat(m.from()).isEqualTo("base");
        assertThat(m.target()).isNull();
        assertThatThrownBy(() -> RunMounts.parse("from=${STAGE}", null))
                .hasMessage("'from' doesn't support variable expansion, define alias stage instead");
    }

    @Test
    void errors() {
        fails("type=cach", "unsupported mount type \"cach\" (did you mean cache?)");
        fails("type=volume", "unsupported mount type \"volume\"");
        fails("type=cache,sharing=share", "unsupported sharing value \"share\" (did you mean shared?)");
        fails("target=/x,bogus", "invalid field 'bogus' must be a key=value pair");
        fails("target=/x,tagret=/y", "unexpected key 'tagret' in 'tagret=/y' (did you mean target?)");
        fails("target=/x,ro=maybe", "invalid value for ro: maybe");
        fails("target=/x,readwrite=2", "invalid value for readwrite: 2");
        fails("required,type=secret,id=x", "unexpected key 'required' for mount type 'bind'");
        fails("type=cache,required=true", "unexpected key 'required' for mount type 'cache'");
        fails("type=bind,size=1m", "unexpected key 'size' for mount type 'bind'");
        fails("type=tmpfs,size=lots", "invalid value for size: lots");
        fails("type=cache,mode=9", "invalid value 9 for mode");
        fails("type=cache,uid=-1", "invalid value -1 for uid");
        fails("type=cache,gid=x", "invalid value x for gid");
        fails("type=bind,mode=0700", "mode not allowed for \"bind\" type mounts");
        fails("type=tmpfs,uid=1", "uid not allowed for \"tmpfs\" type mounts");
        fails("type=bind,gid=1", "gid not allowed for \"bind\" type mounts");
        fails("type=secret,id=a,from=b", "secret mount should not have a from");
        fails("type=secret,id=a,sharing=private", "secret mount should not define sharing");
        fails("type=secret", "invalid secret mount. one of source, target required");
        fails("type=secret,source=a,id=b", "both source and id can't be set");
        fails("type=tmpfs,sharing=private", "invalid cache sharing set for tmpfs mount");
        fails("", "failed to parse csv mounts: EOF");
        fails("\"type=bind", "failed to parse csv mounts: parse error on line 1, column 11: "
                + "extraneous or missing \" in quoted-field");
    }

    @Test
    void csvQuotingKeepsCommas() {
        assertThat(parse("\"target=/a,b\",type=bind").target()).isEqualTo("/a,b");
        assertThat(parse("\"target=a\"\"b\"").target()).isEqualTo("a\"b");
        fails("target=\"\"", "failed to parse csv mounts: parse error on line 1, column 8: "
                + "bare \" in non-quoted-field");
    }

    @Test
    void expanderErrorsPropagate() {
        WordExpander failing = word -> {
            throw new DockerfileException("failed to process \"" + word + "\"");
        };
        assertThatThrownBy(() -> RunMounts.parse("target=${x:?}", failing))
                .hasMessage("failed to process \"${x:?}\"");
    }
}
