package dev.stagecraft.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Sizes as {@code --keep-storage} takes them (go-units {@code RAMInBytes}: binary units). */
class ByteSizesTest {
    @Test
    void parsesBytesAndBinaryUnitsInAnyCase() {
        assertThat(ByteSizes.parse("0")).isZero();
        assertThat(ByteSizes.parse("1234")).isEqualTo(1234);
        assertThat(ByteSizes.parse("512MB")).isEqualTo(512L << 20);
        assertThat(ByteSizes.parse("10GB")).isEqualTo(10L << 30);
        assertThat(ByteSizes.parse("10g")).isEqualTo(10L << 30);
        assertThat(ByteSizes.parse("10GiB")).isEqualTo(10L << 30);
        assertThat(ByteSizes.parse("1.5k")).isEqualTo(1536);
        assertThat(ByteSizes.parse("2 kb")).isEqualTo(2048);
        assertThat(ByteSizes.parse("3b")).isEqualTo(3);
        assertThat(ByteSizes.parse("1T")).isEqualTo(1L << 40);
        assertThat(ByteSizes.parse("1p")).isEqualTo(1L << 50);
    }

    @Test
    void refusesWhatIsNoSize() {
        for (String bad : new String[] {"", "GB", "-1", "10 GB extra", "1x", "1.", "ib", "1ib", "99999999999P"}) {
            assertThatThrownBy(() -> ByteSizes.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid size");
        }
    }

    @Property
    void anyTextParsesOrIsRefusedWithIllegalArgument(@ForAll String text) {
        try {
            assertThat(ByteSizes.parse(text)).isNotNegative();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("invalid size");
        }
    }
}
