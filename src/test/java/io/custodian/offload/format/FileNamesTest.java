package io.custodian.offload.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

  @Test
  void aCallsAudioIsNamedByItsRecordId() {
    UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    assertThat(FileNames.wav(id)).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e.wav");
    assertThat(FileNames.isPlain(FileNames.wav(id))).isTrue();
  }

  @Test
  void aTemporaryNameIsNeverAFinalOne() {
    String temporary = FileNames.temporary("a.wav");

    assertThat(temporary).isEqualTo("a.wav.part");
    assertThat(FileNames.isPlain(temporary)).isFalse();
    assertThatThrownBy(() -> FileNames.temporary(temporary))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "../a.wav",
        "a/b.wav",
        "/a.wav",
        "-n.wav",
        ".hidden",
        "a\0.wav",
        "a\n.wav",
        "a\r.wav",
        "a\t.wav",
        "a\u007f.wav",
        "a\u2028.wav",
        "a b.wav",
        "a\\b.wav",
        "é.wav",
        "a\u202Evaw.exe",
        "a*.wav",
        "a.wav.part",
      })
  void refusesNamesThatAreNotPlain(String name) {
    assertThat(FileNames.isPlain(name)).isFalse();
    assertThatThrownBy(() -> FileNames.requirePlain(name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNamesLongerThan255Characters() {
    assertThat(FileNames.isPlain("a".repeat(255))).isTrue();
    assertThat(FileNames.isPlain("a".repeat(256))).isFalse();
  }
}
