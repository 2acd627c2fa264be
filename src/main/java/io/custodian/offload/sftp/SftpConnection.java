package io.custodian.offload.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.jspecify.annotations.Nullable;

/**
 * One open SFTP connection to a delivery directory. A file is only ever written under a temporary
 * name ({@code <name>.part}), fsynced where the server offers {@code fsync@openssh.com}, then
 * renamed: no partial file ever stands under a final name. A final name that already holds the
 * expected size is taken as delivered, so an interrupted batch resumes where it stopped.
 */
public final class SftpConnection implements AutoCloseable {

  /** Suffix of a file being written. */
  public static final String PARTIAL = ".part";

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}");

  private final SshClient client;
  private final ClientSession session;
  private final SftpClient sftp;
  private final SftpEndpoint endpoint;
  private final DurableWrites writes;
  private final boolean ownsSession;

  SftpConnection(SshClient client, ClientSession session, SftpClient sftp, SftpEndpoint endpoint)
      throws IOException {
    this(client, session, sftp, endpoint, true);
  }

  private SftpConnection(
      SshClient client,
      ClientSession session,
      SftpClient sftp,
      SftpEndpoint endpoint,
      boolean ownsSession)
      throws IOException {
    this.client = client;
    this.session = session;
    this.sftp = sftp;
    this.endpoint = endpoint;
    this.ownsSession = ownsSession;
    this.writes = new DurableWrites(sftp);
  }

  /** Writes a file's bytes; called once per attempt, never for a file already delivered. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Upload out) throws IOException;
  }

  /**
   * What {@link #put} did. The connection does not hash what it sends: the caller knows what it
   * hands over, and whether that hash is known already.
   *
   * @param sent false when the file was there already
   */
  public record Transfer(boolean sent, long size) {}

  /** A file in the delivery directory. */
  public record RemoteFile(String name, long size) {}

  /** Whether the server makes written data durable on request. */
  public boolean fsyncSupported() {
    return writes.fsyncSupported();
  }

  /**
   * Another SFTP channel on this connection's SSH session, to send on in parallel without another
   * TCP connection, authentication and key exchange. Closing it leaves this connection open;
   * closing this connection, or a transfer timeout on either, ends both. Throws if the server
   * refuses another channel (OpenSSH allows {@code MaxSessions}, 10 by default).
   */
  public SftpConnection openChannel() throws IOException {
    SftpClient another = SftpClientFactory.instance().createSftpClient(session);
    try {
      return new SftpConnection(client, session, another, endpoint, false);
    } catch (IOException | RuntimeException e) {
      another.close();
      throw e;
    }
  }

  /** The cipher negotiated for what this connection sends, such as aes128-gcm@openssh.com. */
  String cipher() {
    return session.getNegotiatedKexParameter(KexProposalOption.C2SENC);
  }

  /** The key exchange agreed for this connection, such as mlkem768x25519-sha256. */
  String keyExchange() {
    return session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS);
  }

  /** The size of a file in the delivery directory, if it exists. */
  public OptionalLong size(String name) throws IOException {
    try {
      return OptionalLong.of(sftp.stat(path(name)).getSize());
    } catch (SftpException e) {
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  /**
   * Delivers one file of a known size, unless it is there already (same name, same size); throws
   * when a file of another size holds the name, which is never overwritten. A file not delivered
   * within the endpoint's timeout is abandoned: the connection is closed under it, its temporary
   * name stays (the next attempt removes it) and {@link TransferTimeoutException} is thrown.
   */
  public Transfer put(String name, long size, Content content) throws IOException {
    return deliver(name, size, null, content);
  }

  /**
   * As {@link #put(String, long, Content)}, with what a listing of the directory taken earlier in
   * this attempt says of the final name ({@code listed}: the size there, or empty if it was not
   * there), which saves a round trip a file. A file that turns up under the name after the listing
   * is still never overwritten: the rename onto it fails.
   */
  public Transfer put(String name, long size, OptionalLong listed, Content content)
      throws IOException {
    return deliver(name, size, Objects.requireNonNull(listed), content);
  }

  private Transfer deliver(String name, long size, @Nullable OptionalLong listed, Content content)
      throws IOException {
    try (Deadline deadline = new Deadline(endpoint.timeout(), () -> session.close(true))) {
      try {
        return send(name, size, listed, content);
      } catch (IOException | RuntimeException e) {
        if (deadline.expired()) {
          throw new TransferTimeoutException(
              endpoint + "/" + name + " was not delivered within " + endpoint.timeout(), e);
        }
        throw e;
      }
    }
  }

  private Transfer send(String name, long size, @Nullable OptionalLong listed, Content content)
      throws IOException {
    requirePlain(name);
    OptionalLong existing = listed != null ? listed : size(name);
    if (existing.isPresent()) {
      if (existing.getAsLong() == size) {
        return new Transfer(false, size);
      }
      throw new IOException(
          endpoint
              + "/"
              + name
              + " exists with "
              + existing.getAsLong()
              + " bytes, not "
              + size
              + "; it is left as it is");
    }
    String temporary = path(name + PARTIAL);
    writes.write(temporary, size, content);
    sftp.rename(temporary, path(name));
    return new Transfer(true, size);
  }

  /** Creates the delivery directory if it is missing; its parent must exist. */
  public void ensureDirectory() throws IOException {
    try {
      sftp.stat(endpoint.directory());
    } catch (SftpException e) {
      if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
        throw e;
      }
      sftp.mkdir(endpoint.directory());
    }
  }

  /** Removes a file of the delivery directory, such as a temporary left by an earlier attempt. */
  public void remove(String name) throws IOException {
    sftp.remove(path(requirePlain(name)));
  }

  /** The files in the delivery directory. */
  public List<RemoteFile> list() throws IOException {
    List<RemoteFile> files = new ArrayList<>();
    for (SftpClient.DirEntry entry : sftp.readDir(endpoint.directory())) {
      if (entry.getAttributes().isRegularFile()) {
        files.add(new RemoteFile(entry.getFilename(), entry.getAttributes().getSize()));
      }
    }
    return files;
  }

  /** Reads a delivered file back and hashes it, for verification by content. */
  public String sha256(String name) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = sftp.read(path(requirePlain(name)));
        OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      in.transferTo(out);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (!ownsSession) {
      sftp.close();
      return;
    }
    try {
      sftp.close();
    } finally {
      try {
        session.close();
      } finally {
        client.stop();
      }
    }
  }

  private String path(String name) {
    String directory = endpoint.directory();
    return directory.endsWith("/") ? directory + name : directory + "/" + name;
  }

  private static String requirePlain(String name) {
    if (!PLAIN_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain file name: " + name);
    }
    return name;
  }
}
