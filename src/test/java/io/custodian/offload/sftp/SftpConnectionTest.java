package io.custodian.offload.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transfer primitive against a real SFTP server: temporary names, resume, pinned keys. */
class SftpConnectionTest {

  @TempDir Path root;
  private MinaSftpServer server;
  private final SftpConnector connector = new SftpConnector();

  @BeforeEach
  void start() throws Exception {
    server = new MinaSftpServer(root);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void deliversUnderTheFinalNameOnlyWhenComplete() throws Exception {
    byte[] content = bytes(3_000_000, 1);
    try (SftpConnection sftp = connector.open(server.endpoint())) {
      SftpConnection.Transfer transfer =
          sftp.put("call.wav", content.length, out -> out.write(content));
      assertThat(transfer.sent()).isTrue();
      assertThat(sftp.sha256("call.wav")).isEqualTo(sha256(content));
      assertThat(sftp.list())
          .extracting(SftpConnection.RemoteFile::name)
          .containsExactly("call.wav");
    }
    assertThat(Files.readAllBytes(root.resolve("call.wav"))).isEqualTo(content);
  }

  @Test
  void aFileAlreadyDeliveredIsSkippedSoABatchResumes() throws Exception {
    byte[] content = bytes(10_000, 2);
    AtomicInteger opened = new AtomicInteger();
    try (SftpConnection sftp = connector.open(server.endpoint())) {
      sftp.put("a.wav", content.length, out -> counted(content, opened, out));
      assertThat(sftp.put("a.wav", content.length, out -> counted(content, opened, out)).sent())
          .isFalse();
    }
    assertThat(opened).hasValue(1);
  }

  @Test
  void aListingTakenBeforeSkipsWhatItShowsAndNeverOverwritesWhatCameAfter() throws Exception {
    byte[] content = bytes(10_000, 3);
    AtomicInteger opened = new AtomicInteger();
    try (SftpConnection sftp = connector.open(server.endpoint())) {
      assertThat(
              sftp.put(
                      "listed.wav",
                      content.length,
                      OptionalLong.of(content.length),
                      out -> counted(content, opened, out))
                  .sent())
          .isFalse();
      assertThatThrownBy(
              () ->
                  sftp.put(
                      "listed.wav",
                      content.length,
                      OptionalLong.of(3),
                      out -> counted(content, opened, out)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("left as it is");
      Files.write(root.resolve("late.wav"), new byte[] {1, 2, 3});
      assertThatThrownBy(
              () ->
                  sftp.put(
                      "late.wav",
                      content.length,
                      OptionalLong.empty(),
                      out -> counted(content, opened, out)))
          .isInstanceOf(IOException.class);
    }
    assertThat(opened).hasValue(1);
    assertThat(Files.readAllBytes(root.resolve("late.wav"))).containsExactly(1, 2, 3);
    assertThat(root.resolve("listed.wav")).doesNotExist();
  }

  @Test
  void anotherChannelSendsOnTheSameConnectionAndClosesAlone() throws Exception {
    byte[] one = bytes(300_000, 5);
    byte[] two = bytes(200_000, 6);
    try (SftpConnection sftp = connector.open(server.endpoint())) {
      try (SftpConnection channel = sftp.openChannel()) {
        assertThat(channel.keyExchange()).isEqualTo(sftp.keyExchange());
        assertThat(channel.put("two.wav", two.length, out -> out.write(two)).sent()).isTrue();
      }
      assertThat(sftp.put("one.wav", one.length, out -> out.write(one)).sent()).isTrue();
      assertThat(sftp.list())
          .extracting(SftpConnection.RemoteFile::name)
          .containsExactlyInAnyOrder("one.wav", "two.wav");
    }
    assertThat(Files.readAllBytes(root.resolve("one.wav"))).isEqualTo(one);
    assertThat(Files.readAllBytes(root.resolve("two.wav"))).isEqualTo(two);
  }

  @Test
  void aConnectionOpenedInTheBackgroundSendsOnceAwaited() throws Exception {
    byte[] content = bytes(100_000, 7);
    PendingConnection pending = connector.openInBackground(server.endpoint());
    try (SftpConnection sftp = pending.await()) {
      assertThat(sftp.put("early.wav", content.length, out -> out.write(content)).sent()).isTrue();
    }
    assertThat(Files.readAllBytes(root.resolve("early.wav"))).isEqualTo(content);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.server().getActiveSessions().isEmpty());
  }

  @Test
  void anAbandonedConnectionIsClosedOnceItIsOpen() throws Exception {
    PendingConnection pending = connector.openInBackground(server.endpoint());
    pending.abandon();
    SftpConnection opened = pending.await();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(server.server().getActiveSessions()).isEmpty();
              assertThatThrownBy(opened::list).isInstanceOf(IOException.class);
            });
  }

  @Test
  void aConnectionThatCannotBeOpenedFailsWhenAwaited() throws Exception {
    SftpEndpoint endpoint = server.endpoint();
    server.close();
    PendingConnection pending = connector.openInBackground(endpoint);
    assertThatThrownBy(pending::await).isInstanceOf(IOException.class);
  }

  @Test
  void aFileOfAnotherSizeUnderTheNameIsNeverOverwritten() throws Exception {
    Files.write(root.resolve("taken.wav"), new byte[] {1, 2, 3});
    try (SftpConnection sftp = connector.open(server.endpoint())) {
      assertThatThrownBy(() -> sftp.put("taken.wav", 10, out -> out.write(new byte[10])))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("left as it is");
    }
    assertThat(Files.readAllBytes(root.resolve("taken.wav"))).containsExactly(1, 2, 3);
  }

  @Test
  void aSourceThatFailsMidwayLeavesOnlyATemporaryName() throws Exception {
    try (SftpConnection sftp = connector.open(server.endpoint())) {
      assertThatThrownBy(
              () ->
                  sftp.put(
                      "broken.wav",
                      1_000_000,
                      out -> new FailingAfter(bytes(1_000_000, 3), 400_000).transferTo(out)))
          .isInstanceOf(IOException.class);
    }
    assertThat(root.resolve("broken.wav")).doesNotExist();
    try (SftpConnection sftp = connector.open(server.endpoint())) {
      byte[] content = bytes(1_000_000, 3);
      assertThat(sftp.put("broken.wav", content.length, out -> out.write(content)).sent()).isTrue();
    }
    assertThat(root.resolve("broken.wav.part")).doesNotExist();
    assertThat(Files.size(root.resolve("broken.wav"))).isEqualTo(1_000_000);
  }

  @Test
  void aShortSourceIsRefusedAndNotRenamed() throws Exception {
    try (SftpConnection sftp = connector.open(server.endpoint())) {
      assertThatThrownBy(() -> sftp.put("short.wav", 100, out -> out.write(new byte[50])))
          .hasMessageContaining("expected 100");
    }
    assertThat(root.resolve("short.wav")).doesNotExist();
  }

  @Test
  void withoutMlKemTheKeyPairMadeAheadIsUsedAndTheNextOneMade() throws Exception {
    server
        .server()
        .setKeyExchangeFactories(
            org.apache.sshd.common.NamedFactory.setUpTransformedFactories(
                false,
                List.of(org.apache.sshd.common.kex.BuiltinDHFactories.sntrup761x25519),
                org.apache.sshd.server.ServerBuilder.DH2KEX));
    for (int i = 0; i < 2; i++) {
      long taken = PreparedSntrup761.INSTANCE.taken();
      try (SftpConnection sftp = connector.open(server.endpoint())) {
        assertThat(sftp.keyExchange()).isEqualTo("sntrup761x25519-sha512");
        assertThat(PreparedSntrup761.INSTANCE.taken()).isEqualTo(taken + 1);
        sftp.put("kem-" + i + ".wav", 3, out -> out.write(new byte[] {1, 2, 3}));
      }
      await().atMost(Duration.ofSeconds(30)).until(PreparedSntrup761.INSTANCE::ready);
    }
    assertThat(root.resolve("kem-1.wav")).hasBinaryContent(new byte[] {1, 2, 3});
  }

  @Test
  void mlKemIsPreferredWhereTheServerOffersIt() throws Exception {
    try (SftpConnection sftp = connector.open(server.endpoint())) {
      assertThat(sftp.keyExchange()).isEqualTo("mlkem768x25519-sha256");
    }
  }

  @Test
  void anUnknownHostKeyIsRefusedBeforeAnythingIsSent() throws Exception {
    SftpEndpoint real = server.endpoint();
    String impostor =
        PublicKeyEntry.toString(KeyUtils.generateKeyPair("ssh-ed25519", 256).getPublic());
    SftpEndpoint pinnedToAnother =
        new SftpEndpoint(
            real.host(),
            real.port(),
            real.user(),
            impostor,
            real.password(),
            null,
            real.directory(),
            real.timeout());

    assertThatThrownBy(() -> connector.open(pinnedToAnother))
        .isInstanceOf(HostKeyRejectedException.class)
        .hasMessageContaining("not the pinned key");
    try (var files = Files.list(root)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aWrongPasswordFails() {
    SftpEndpoint real = server.endpoint();
    SftpEndpoint wrong =
        new SftpEndpoint(
            real.host(),
            real.port(),
            real.user(),
            real.hostKey(),
            "not it",
            null,
            real.directory(),
            real.timeout());
    assertThatThrownBy(() -> connector.open(wrong))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HostKeyRejectedException.class);
  }

  @Test
  void aFileThatOverrunsTheTransferTimeoutIsAbandonedUnderItsTemporaryName() throws Exception {
    CountDownLatch stalled = new CountDownLatch(1);
    server.beforeEachWrite(
        session -> {
          try {
            stalled.await(30, TimeUnit.SECONDS); // a server that stops answering
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    SftpEndpoint real = server.endpoint();
    SftpEndpoint impatient =
        new SftpEndpoint(
            real.host(),
            real.port(),
            real.user(),
            real.hostKey(),
            real.password(),
            null,
            real.directory(),
            Duration.ofSeconds(2));
    byte[] content = bytes(2_000_000, 4);
    try (SftpConnection sftp = connector.open(impatient)) {
      assertThatThrownBy(() -> sftp.put("slow.wav", content.length, out -> out.write(content)))
          .isInstanceOf(TransferTimeoutException.class)
          .hasMessageContaining("slow.wav was not delivered within PT2S");
    } finally {
      stalled.countDown();
    }
    assertThat(root.resolve("slow.wav")).doesNotExist();
  }

  @Test
  void fsyncIsOfferedByTheServerAndUsed() throws Exception {
    try (SftpConnection sftp = connector.open(server.endpoint())) {
      assertThat(sftp.fsyncSupported()).isTrue();
    }
  }

  private static byte[] bytes(int n, long seed) {
    byte[] bytes = new byte[n];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void counted(byte[] content, AtomicInteger opened, java.io.OutputStream out)
      throws IOException {
    opened.incrementAndGet();
    out.write(content);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** A source that breaks after some bytes, like a vault read that fails verification. */
  private static final class FailingAfter extends InputStream {
    private final ByteArrayInputStream content;
    private final int limit;
    private int position;

    FailingAfter(byte[] content, int limit) {
      this.content = new ByteArrayInputStream(content);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= limit) {
        throw new IOException("source failed");
      }
      int n = content.read(b, off, Math.min(len, limit - position));
      position += Math.max(n, 0);
      return n;
    }
  }
}
