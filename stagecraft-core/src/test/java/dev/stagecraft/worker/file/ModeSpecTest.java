package dev.stagecraft.worker.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModeSpecTest {

    /** spec | current mode (octal) | directory | expected (octal). */
    @ParameterizedTest(name = "{0} on {1} dir={2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "755|0644|false|0755",
        "4755|0644|false|4755",
        "0|0777|true|0000",
        "+x|0644|false|0755",
        "u+x|0644|false|0744",
        "go-w|0666|false|0644",
        "a=r|0777|false|0444",
        "u=rw,go=r|0777|false|0644",
        "+X|0644|false|0644",
        "+X|0644|true|0755",
        "+X|0744|false|0755",
        "u=rwX|0600|true|0600",
        "g=u|0750|false|0770",
        "go=u-w|0755|false|0755",
        "o=|0777|false|0770",
        "u+s|0755|false|4755",
        "g+s|0755|true|2755",
        "+t|0755|true|1755",
        "o+t|0755|true|0755",
        "=|0777|false|0000",
        "u-x,g+w|0755|false|0675",
    })
    void appliesLikeDchapesMode(String spec, String current, boolean dir, String expected) {
        assertThat(ModeSpec.parse(spec).apply(Integer.parseInt(current, 8), dir))
                .isEqualTo(Integer.parseInt(expected, 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8", "10000", "999", "u", "u+x,", "x+", "+x,,g+w", "u+q", "1a"})
    void badValuesUseBuildKitsMessage(String spec) {
        assertThatThrownBy(() -> ModeSpec.parse(spec))
                .hasMessage("invalid chmod parameter: '" + spec + "'. it should be octal string and between 0 and 07777");
    }
}
