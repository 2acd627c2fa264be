package io.custodian.offload.sftp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.BaseBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Opens SFTP connections. Every connection has its own client whose only accepted host key is the
 * endpoint's pinned one. AES-GCM ciphers come first: through the JDK's provider they move about
 * twice the bytes per CPU second of MINA's own ChaCha20.
 */
public final class SftpConnector {

  private static final List<BuiltinCiphers> CIPHERS =
      List.of(
          BuiltinCiphers.aes128gcm,
          BuiltinCiphers.aes256gcm,
          BuiltinCiphers.aes128ctr,
          BuiltinCiphers.aes256ctr,
          BuiltinCiphers.cc20p1305_openssh);

  /**
   * MINA's key exchanges with {@code mlkem768x25519-sha256} moved first, as OpenSSH 10 orders them:
   * both hybrids are post-quantum, and where the server offers ML-KEM the client's half costs a few
   * milliseconds of CPU instead of the hundred or so BouncyCastle's Streamlined NTRU Prime key pair
   * takes. Servers without it (OpenSSH before 9.9) still agree on {@code sntrup761x25519-sha512},
   * whose key pair is made ahead of the connection ({@link PreparedSntrup761}).
   */
  static final List<DHFactory> KEY_EXCHANGES = keyExchanges();

  private static List<DHFactory> keyExchanges() {
    List<DHFactory> order = new ArrayList<>();
    order.add(BuiltinDHFactories.mlkem768x25519);
    for (BuiltinDHFactories kex : BaseBuilder.DEFAULT_KEX_PREFERENCE) {
      if (kex != BuiltinDHFactories.mlkem768x25519) {
        order.add(PreparedSntrup761.inPlaceOf(kex));
      }
    }
    return List.copyOf(order);
  }

  /**
   * Starts {@link #open} on a thread of its own and returns at once, so that the caller can do
   * other work while the connection is being opened.
   */
  public PendingConnection openInBackground(SftpEndpoint endpoint) {
    CompletableFuture<SftpConnection> opening = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                opening.complete(open(endpoint));
              } catch (IOException | RuntimeException | Error e) {
                opening.completeExceptionally(e);
              }
            },
            "sftp-connect");
    thread.setDaemon(true);
    thread.start();
    return new PendingConnection(opening);
  }

  /** Connects, verifies the host key, authenticates and opens the SFTP subsystem. */
  public SftpConnection open(SftpEndpoint endpoint) throws IOException {
    PublicKey pinned = pinnedKey(endpoint);
    AtomicReference<PublicKey> presented = new AtomicReference<>();
    SshClient client = SshClient.setUpDefaultClient();
    List<NamedFactory<Cipher>> ciphers = new ArrayList<>();
    for (BuiltinCiphers cipher : CIPHERS) {
      if (cipher.isSupported()) {
        ciphers.add(cipher);
      }
    }
    client.setCipherFactories(ciphers);
    client.setKeyExchangeFactories(
        NamedFactory.setUpTransformedFactories(false, KEY_EXCHANGES, ClientBuilder.DH2KEX));
    // SFTP is request and answer: with Nagle's algorithm a small request waits for the last
    // answer's
    // ACK, which costs read-back verification about 40 ms a file.
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    client.setSignatureFactories(pinnedAlgorithmFirst(client.getSignatureFactories(), pinned));
    client.setServerKeyVerifier(
        (session, address, key) -> {
          presented.set(key);
          return KeyUtils.compareKeys(pinned, key);
        });
    client.start();
    ClientSession session = null;
    try {
      session =
          client
              .connect(endpoint.user(), endpoint.host(), endpoint.port())
              .verify(endpoint.timeout())
              .getSession();
      if (endpoint.password() != null) {
        session.addPasswordIdentity(endpoint.password());
      }
      for (KeyPair identity : identities(endpoint)) {
        session.addPublicKeyIdentity(identity);
      }
      try {
        session.auth().verify(endpoint.timeout());
      } catch (IOException e) {
        PublicKey key = presented.get();
        if (key != null && !KeyUtils.compareKeys(pinned, key)) {
          throw new HostKeyRejectedException(
              endpoint.host()
                  + " presented "
                  + PublicKeyEntry.toString(key)
                  + ", not the pinned key");
        }
        throw e;
      }
      SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
      return new SftpConnection(client, session, sftp, endpoint);
    } catch (IOException | RuntimeException e) {
      if (session != null) {
        session.close(true);
      }
      client.stop();
      PublicKey key = presented.get();
      if (key != null
          && !KeyUtils.compareKeys(pinned, key)
          && !(e instanceof HostKeyRejectedException)) {
        throw new HostKeyRejectedException(
            endpoint.host()
                + " presented "
                + PublicKeyEntry.toString(key)
                + ", not the pinned key");
      }
      throw e;
    }
  }

  /**
   * Servers usually hold several host keys (OpenSSH: ECDSA, Ed25519, RSA) and present the one of
   * the first algorithm the client asks for; asking for the pinned key's algorithm first makes the
   * server present the key that was pinned.
   */
  private static List<NamedFactory<Signature>> pinnedAlgorithmFirst(
      List<NamedFactory<Signature>> defaults, PublicKey pinned) {
    String type = KeyUtils.getKeyType(pinned);
    List<String> wanted =
        KeyPairProvider.SSH_RSA.equals(type)
            ? List.of("rsa-sha2-512", "rsa-sha2-256", KeyPairProvider.SSH_RSA)
            : List.of(type);
    List<NamedFactory<Signature>> ordered = new ArrayList<>();
    for (String name : wanted) {
      for (NamedFactory<Signature> factory : defaults) {
        if (factory.getName().equals(name)) {
          ordered.add(factory);
        }
      }
    }
    for (NamedFactory<Signature> factory : defaults) {
      if (!ordered.contains(factory)) {
        ordered.add(factory);
      }
    }
    return ordered;
  }

  /** Whether a pinned host key is readable as an OpenSSH public key line. */
  public static boolean isReadableHostKey(String hostKey) {
    try {
      return PublicKeyEntry.parsePublicKeyEntry(hostKey.trim()).resolvePublicKey(null, null, null)
          != null;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static PublicKey pinnedKey(SftpEndpoint endpoint) throws IOException {
    try {
      return PublicKeyEntry.parsePublicKeyEntry(endpoint.hostKey().trim())
          .resolvePublicKey(null, null, null);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("The pinned host key of " + endpoint.host() + " is not readable", e);
    }
  }

  private static Iterable<KeyPair> identities(SftpEndpoint endpoint) throws IOException {
    String privateKey = endpoint.privateKey();
    if (privateKey == null) {
      return List.of();
    }
    try {
      Iterable<KeyPair> keys =
          SecurityUtils.loadKeyPairIdentities(
              null,
              NamedResource.ofName("destination key"),
              new ByteArrayInputStream(privateKey.getBytes(StandardCharsets.UTF_8)),
              null);
      return keys == null ? List.of() : keys;
    } catch (GeneralSecurityException e) {
      throw new IOException("The private key is not readable", e);
    }
  }
}
