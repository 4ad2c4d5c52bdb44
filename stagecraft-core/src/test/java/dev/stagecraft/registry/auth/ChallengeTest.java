package dev.stagecraft.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void dockerHubBearer() {
        List<Challenge> c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"");
        assertThat(c).containsExactly(new Challenge("bearer", Map.of(
                "realm", "https://auth.docker.io/token", "service", "registry.docker.io",
                "scope", "repository:library/busybox:pull")));
        assertThat(c.get(0).isBearer()).isTrue();
        assertThat(c.get(0).param("Realm")).hasValue("https://auth.docker.io/token");
    }

    @Test
    void basicWithSpacesAndCaseInsensitiveScheme() {
        List<Challenge> c = Challenge.parse("basic  realm = \"Registry Realm\"");
        assertThat(c).hasSize(1);
        assertThat(c.get(0).isBasic()).isTrue();
        assertThat(c.get(0).param("realm")).hasValue("Registry Realm");
    }

    @Test
    void severalChallengesInOneHeader() {
        List<Challenge> c = Challenge.parse("Basic realm=\"a\", Bearer realm=\"https://t/x\", service=reg");
        assertThat(c).extracting(Challenge::scheme).containsExactly("basic", "bearer");
        assertThat(c.get(1).params()).containsEntry("realm", "https://t/x").containsEntry("service", "reg");
    }

    @Test
    void quotedStringEscapesAndCommas() {
        List<Challenge> c = Challenge.parse("Bearer realm=\"a\\\"b,c\",scope=\"x:y:pull,push\"");
        assertThat(c.get(0).params()).containsEntry("realm", "a\"b,c").containsEntry("scope", "x:y:pull,push");
    }

    @Test
    void schemeWithoutParamsAndSeveralHeaders() {
        List<Challenge> c = Challenge.parseAll(List.of("Negotiate", "Basic realm=x"));
        assertThat(c).extracting(Challenge::scheme).containsExactly("negotiate", "basic");
        assertThat(c.get(0).params()).isEmpty();
    }

    @Test
    void garbageYieldsWhatCanBeRead() {
        assertThat(Challenge.parse("")).isEmpty();
        assertThat(Challenge.parse(" , ,")).isEmpty();
        assertThat(Challenge.parse("Basic abc==")).extracting(Challenge::scheme).containsExactly("basic");
        assertThat(Challenge.parse("Bearer realm=\"unterminated")).singleElement()
                .satisfies(ch -> assertThat(ch.params()).containsEntry("realm", "unterminated"));
        assertThat(Challenge.parse("@@@ Basic")).isEmpty();
    }
}
