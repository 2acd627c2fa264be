package io.custodian.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Content is released as read, in whatever pieces the reader and the source choose, but for its
 * last byte, which only comes out once length and SHA-256 match; content that fails never comes out
 * whole, and the byte held back is not left in the reader's buffer.
 */
class VerifyingInputStreamTest {

  private static final int[] READ_SIZES = {1, 2, 7, 8192, 65_536, 300_000};

  private final List<String> failures = new ArrayList<>();

  @Test
  void releasesTheContentExactlyWhateverTheSizesOfReadsAndSourceReads() throws Exception {
    for (int size : new int[] {0, 1, 2, 3, 1000, 480_058}) {
      byte[] content = content(size);
      for (int readSize : READ_SIZES) {
        for (int sourceSize : new int[] {1, 5, 4096, Integer.MAX_VALUE}) {
          InputStream in = verifying(content, sha256(content), size, sourceSize);
          assertThat(readAll(in, readSize))
              .as("%d bytes, reads of %d, source reads of %d", size, readSize, sourceSize)
              .isEqualTo(content);
          assertThat(in.read()).isEqualTo(-1);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void singleByteReadsGiveEveryByteThenTheEnd() throws Exception {
    byte[] content = content(300);
    InputStream in = verifying(content, sha256(content), content.length, 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      out.write(b);
    }
    assertThat(out.toByteArray()).isEqualTo(content);
  }

  @Test
  void contentThatFailsNeverComesOutWhole() throws Exception {
    byte[] content = content(200_000);
    byte[] other = content.clone();
    other[other.length - 1] ^= 1;
    for (int readSize : READ_SIZES) {
      for (byte[][] wrong :
          new byte[][][] {
            {other, sha256(content)}, // the last byte changed
            {content, sha256(other)}, // a hash that is not the content's
          }) {
        failures.clear();
        InputStream in = verifying(wrong[0], wrong[1], content.length, 65_536);
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertThatThrownBy(() -> copy(in, released, readSize))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("SHA-256 differs");
        assertThat(released.size()).isEqualTo(content.length - 1);
        assertThat(failures).hasSize(1);
        assertThatThrownBy(in::read).as("and it stays failed").isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void aShortOrLongSourceFailsOnItsLength() {
    byte[] content = content(10_000);
    byte[] shorter = java.util.Arrays.copyOf(content, 9_999);
    InputStream in = verifying(shorter, sha256(content), content.length, 4096);
    assertThatThrownBy(() -> readAll(in, 8192))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("length 9999 differs from the stored 10000");
  }

  @Test
  void theByteHeldBackIsNotLeftInTheReadersBuffer() throws Exception {
    byte[] content = new byte[100];
    java.util.Arrays.fill(content, (byte) 0x5a);
    InputStream in = verifying(content, sha256(content), content.length, Integer.MAX_VALUE);
    byte[] buffer = new byte[200];

    int n = in.read(buffer, 0, buffer.length);

    assertThat(n).isEqualTo(99);
    assertThat(buffer[99]).as("held back, not left behind").isZero();
    assertThat(in.read(buffer, 0, buffer.length)).isEqualTo(1);
    assertThat(buffer[0]).isEqualTo((byte) 0x5a);
    assertThat(in.read(buffer, 0, buffer.length)).isEqualTo(-1);
  }

  @Test
  void aSourceThatFailsIsReportedOnceAsAnAuthenticationFailure() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("tag mismatch");
          }
        };
    VerifyingInputStream in =
        new VerifyingInputStream(broken, sha256(new byte[0]), 0, this::failed);
    assertThatThrownBy(in::read).hasMessageContaining("failed authentication");
    assertThat(failures).containsExactly("the content failed authentication");
  }

  private VerifyingInputStream verifying(
      byte[] content, byte[] sha256, long size, int sourceReadSize) {
    InputStream source =
        new ByteArrayInputStream(content) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, sourceReadSize));
          }
        };
    return new VerifyingInputStream(source, sha256, size, this::failed);
  }

  private IOException failed(String reason, Throwable cause) {
    failures.add(reason);
    return new IOException(reason, cause);
  }

  private static byte[] readAll(InputStream in, int readSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy(in, out, readSize);
    return out.toByteArray();
  }

  private static void copy(InputStream in, ByteArrayOutputStream out, int readSize)
      throws IOException {
    byte[] buffer = new byte[readSize + 3];
    for (int n = in.read(buffer, 3, readSize); n >= 0; n = in.read(buffer, 3, readSize)) {
      out.write(buffer, 3, n);
    }
  }

  private static byte[] content(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
