package io.custodian.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blob read from its file, rewindable as Tink's decrypter needs, and decrypted whole. */
class BlobInputStreamTest {

  @TempDir Path dir;

  @Test
  void readsTheFileAndGoesBackToItsMark() throws Exception {
    Path file = Files.writeString(dir.resolve("blob"), "0123456789", StandardCharsets.US_ASCII);
    try (InputStream in = new BlobInputStream(file)) {
      assertThat(in.markSupported()).isTrue();
      assertThat(in.read()).isEqualTo('0');
      in.mark(0);
      byte[] three = new byte[3];
      assertThat(in.read(three, 0, 3)).isEqualTo(3);
      assertThat(new String(three, StandardCharsets.US_ASCII)).isEqualTo("123");
      assertThat(in.available()).isEqualTo(6);
      in.reset();
      assertThat(in.skip(2)).isEqualTo(2);
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("3456789");
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.skip(5)).isZero();
    }
  }

  @Test
  void tinkDecryptsTwoSegmentsReadThroughIt() throws Exception {
    StreamingAeadConfig.register();
    StreamingAead aead =
        KeysetHandle.generateNew(
                PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB, RegistryConfiguration.get())
            .getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    byte[] plain = new byte[1_500_000];
    new Random(7).nextBytes(plain);
    byte[] aad = "org/object".getBytes(StandardCharsets.US_ASCII);
    Path file = dir.resolve("sealed");
    try (OutputStream out = aead.newEncryptingStream(Files.newOutputStream(file), aad)) {
      out.write(plain);
    }
    try (InputStream in = aead.newDecryptingStream(new BlobInputStream(file), aad)) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }
}
