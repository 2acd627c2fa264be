package io.custodian.offload.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer primitive against OpenSSH's sshd, not only against the MINA server we also use as
 * client: key login, pinned host key, fsync@openssh.com, AES-GCM, resume.
 */
class OpenSshInteropTest {

  @TempDir static Path home;

  @TempDir Path remote;
  private static OpenSshServer server;
  private final SftpConnector connector = new SftpConnector();

  @BeforeAll
  static void start() throws Exception {
    server = new OpenSshServer(home);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aFiveMegabyteFileArrivesWholeAndReadsBackWithTheSameHash() throws Exception {
    byte[] content = bytes(5 * 1024 * 1024, 1);
    try (SftpConnection sftp = connector.open(server.endpoint(remote))) {
      SftpConnection.Transfer transfer =
          sftp.put("call.wav", content.length, out -> out.write(content));
      assertThat(transfer.sent()).isTrue();
      assertThat(sftp.sha256("call.wav")).isEqualTo(sha256(content));
      assertThat(sftp.list())
          .containsExactly(new SftpConnection.RemoteFile("call.wav", content.length));
    }
    assertThat(Files.readAllBytes(remote.resolve("call.wav"))).isEqualTo(content);
    assertThat(remote.resolve("call.wav" + SftpConnection.PARTIAL)).doesNotExist();
  }

  @Test
  void aFileAlreadyDeliveredIsSkippedSoABatchResumes() throws Exception {
    byte[] content = bytes(100_000, 2);
    AtomicInteger opened = new AtomicInteger();
    SftpConnection.Content counted =
        out -> {
          opened.incrementAndGet();
          out.write(content);
        };
    try (SftpConnection sftp = connector.open(server.endpoint(remote))) {
      assertThat(sftp.put("a.wav", content.length, counted).sent()).isTrue();
    }
    try (SftpConnection sftp = connector.open(server.endpoint(remote))) {
      SftpConnection.Transfer again = sftp.put("a.wav", content.length, counted);
      assertThat(again.sent()).isFalse();
    }
    assertThat(opened).hasValue(1);
  }

  @Test
  void openSshOffersFsync() throws Exception {
    try (SftpConnection sftp = connector.open(server.endpoint(remote))) {
      assertThat(sftp.fsyncSupported()).isTrue();
    }
  }

  @Test
  void anAesGcmCipherIsNegotiated() throws Exception {
    try (SftpConnection sftp = connector.open(server.endpoint(remote))) {
      assertThat(sftp.cipher()).isIn("aes128-gcm@openssh.com", "aes256-gcm@openssh.com");
    }
  }

  @Test
  void aPostQuantumHybridKeyExchangeIsNegotiated() throws Exception {
    long taken = PreparedSntrup761.INSTANCE.taken();
    try (SftpConnection sftp = connector.open(server.endpoint(remote))) {
      assertThat(sftp.keyExchange())
          .isIn(
              "mlkem768x25519-sha256",
              "sntrup761x25519-sha512",
              "sntrup761x25519-sha512@openssh.com");
      // Without ML-KEM (OpenSSH before 9.9), the key pair made ahead was the one used.
      assertThat(PreparedSntrup761.INSTANCE.taken())
          .isEqualTo(sftp.keyExchange().startsWith("sntrup761") ? taken + 1 : taken);
    }
  }

  @Test
  void anUnknownHostKeyIsRefusedBeforeAnythingIsSent() throws Exception {
    SftpEndpoint real = server.endpoint(remote);
    String impostor =
        PublicKeyEntry.toString(KeyUtils.generateKeyPair("ssh-ed25519", 256).getPublic());
    SftpEndpoint pinnedToAnother =
        new SftpEndpoint(
            real.host(),
            real.port(),
            real.user(),
            impostor,
            null,
            real.privateKey(),
            real.directory(),
            real.timeout());

    assertThatThrownBy(() -> connector.open(pinnedToAnother))
        .isInstanceOf(HostKeyRejectedException.class)
        .hasMessageContaining("not the pinned key");
    assertEmpty(remote);
  }

  @Test
  void aKeyTheServerDoesNotKnowIsRefused() throws Exception {
    SftpEndpoint real = server.endpoint(remote);
    SftpEndpoint stranger =
        new SftpEndpoint(
            real.host(),
            real.port(),
            real.user(),
            real.hostKey(),
            null,
            server.unauthorisedKey(),
            real.directory(),
            real.timeout());

    assertThatThrownBy(() -> connector.open(stranger))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HostKeyRejectedException.class)
        .hasMessageContaining("authentication");
    assertEmpty(remote);
  }

  private static void assertEmpty(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).isEmpty();
    }
  }

  private static byte[] bytes(int n, long seed) {
    byte[] bytes = new byte[n];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
