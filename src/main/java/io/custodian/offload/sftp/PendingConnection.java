package io.custodian.offload.sftp;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

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
      return IoFutures.result(opening, "connecting");
    } catch (IOException | RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        abandon();
      }
      throw e;
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
