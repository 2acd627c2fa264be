package io.custodian.offload.sftp;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A connection being opened on a thread of its own ({@link SftpConnector#openInBackground}), so
 * that the caller does other work meanwhile: the TCP handshake, the key exchange (a post-quantum
 * key pair costs the client a good part of the connection's time), authentication and the server's
 * own start of the session. Either {@link #await} it or {@link #abandon} it.
 */
public final class PendingConnection {

  private final CompletableFuture<SftpConnection> opening;

  PendingConnection(CompletableFuture<SftpConnection> opening) {
    this.opening = opening;
  }

  /** The open connection, once it is; or why it could not be opened. */
  public SftpConnection await() throws IOException {
    try {
      return opening.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon();
      throw new IOException("Interrupted while connecting", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
  }

  /** No longer wanted: closed as soon as it is open, if it ever is. */
  public void abandon() {
    opening.thenAccept(PendingConnection::closeQuietly);
  }

  private static void closeQuietly(SftpConnection connection) {
    try {
      connection.close();
    } catch (IOException | RuntimeException e) {
      // nobody uses it
    }
  }
}
