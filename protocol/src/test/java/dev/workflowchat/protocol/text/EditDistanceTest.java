package dev.workflowchat.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void shouldCountInsertionsDeletionsAndSubstitutions() {
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("sprint", "sprnt")).isEqualTo(1);
        assertThat(EditDistance.between("epic", "epics")).isEqualTo(1);
    }

    @Test
    void shouldBeZeroOnlyForEqualWordsAndTheLengthAgainstEmpty() {
        assertThat(EditDistance.between("tdd", "tdd")).isZero();
        assertThat(EditDistance.between("", "approve")).isEqualTo(7);
        assertThat(EditDistance.between("approve", "")).isEqualTo(7);
    }

    @Test
    void shouldNotDependOnTheOrder() {
        assertThat(EditDistance.between("WFCHAT_REDIS_PREFIX", "WFCHAT_REDIS_PREFX"))
                .isEqualTo(EditDistance.between("WFCHAT_REDIS_PREFX", "WFCHAT_REDIS_PREFIX"))
                .isEqualTo(1);
    }
}
