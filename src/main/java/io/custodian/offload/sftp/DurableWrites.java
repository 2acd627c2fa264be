package io.custodian.offload.sftp;

import java.io.IOException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHLimitsExtension;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;

/**
 * Writes a file on one SFTP channel and makes it durable: write requests sized for the channel and
 * the server, then {@code fsync@openssh.com} (where offered) and the close sent right behind the
 * last write, their answers awaited only then.
 */
final class DurableWrites {

  /** Bytes per write request when the server states no limit: what every server must accept. */
  private static final int PORTABLE_WRITE = 32 * 1024;

  /** Bytes per write request at most, when the server's limits@openssh.com allows as many. */
  private static final int LARGEST_WRITE = 256 * 1024;

  /** Asks MINA for write requests that each fill one SSH packet of the channel. */
  private static final int ONE_PACKET = 0;

  private final SftpClient sftp;
  private final OpenSSHFsyncExtension fsync;
  private final PipelinedRequests pipelined;
  private final int writeSize;

  DurableWrites(SftpClient sftp) throws IOException {
    this.sftp = sftp;
    this.fsync = sftp.getExtension(OpenSSHFsyncExtension.class);
    this.pipelined = new PipelinedRequests(sftp);
    this.writeSize = writeSize(sftp);
  }

  /**
   * How large each write request is. Where a request that fills one SSH packet of the channel is
   * within what the server takes (OpenSSH offers 32 KiB packets and takes 256 KiB requests), it is
   * that: MINA then writes the file's bytes straight into the packet and sends it as it is, where a
   * larger request is copied again into packets that go out one after the other, each started from
   * the previous one's completion. Otherwise the largest request the server takes, up to {@link
   * #LARGEST_WRITE}: OpenSSH drops the whole session on a request above its limit, so the limit is
   * asked for, and without an answer only the portable size is used.
   */
  private static int writeSize(SftpClient sftp) throws IOException {
    OpenSSHLimitsExtension limits = sftp.getExtension(OpenSSHLimitsExtension.class);
    long stated = limits == null || !limits.isSupported() ? 0 : limits.limits().maxWriteLength;
    long limit = stated <= 0 ? PORTABLE_WRITE : Math.min(LARGEST_WRITE, stated);
    long packet = sftp.getClientChannel().getRemoteWindow().getPacketSize();
    return packet > 0 && packet <= limit ? ONE_PACKET : (int) limit;
  }

  /** Whether the server makes written data durable on request. */
  boolean fsyncSupported() {
    return fsync != null && fsync.isSupported();
  }

  /**
   * Creates or truncates the file at {@code path} and writes {@code content} into it; returns once
   * the server has answered every write, the fsync and the close OK. Throws, the handle closed, if
   * the content is not {@code size} bytes.
   */
  void write(String path, long size, SftpConnection.Content content) throws IOException {
    CloseableHandle handle = sftp.open(path, OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
    boolean closed = false;
    try {
      long written;
      boolean fsyncing = fsyncSupported();
      int fsynced = 0;
      int closing = 0;
      try (SftpOutputStreamAsync remote =
              new SftpOutputStreamAsync((AbstractSftpClient) sftp, writeSize, path, handle, false);
          Upload out = new Upload(remote)) {
        content.writeTo(out);
        written = out.count();
        if (written == size) {
          // The fsync and the close go out right behind the last write, without waiting for the
          // writes' answers: a server carries out the requests on one handle in the order sent.
          // This returns, and the caller renames the file, only once every write, the fsync and
          // the close are answered OK.
          out.flush();
          fsynced = fsyncing ? pipelined.fsync(handle) : 0;
          closing = pipelined.close(handle);
          closed = true;
        }
      } // closing the stream waits for the writes' answers
      if (written != size) {
        throw new IOException(path + ": sent " + written + " bytes, expected " + size);
      }
      if (fsyncing) {
        pipelined.expectOk(SftpConstants.SSH_FXP_EXTENDED, fsynced);
      }
      pipelined.expectOk(SftpConstants.SSH_FXP_CLOSE, closing);
    } finally {
      if (!closed) {
        handle.close();
      }
    }
  }
}
