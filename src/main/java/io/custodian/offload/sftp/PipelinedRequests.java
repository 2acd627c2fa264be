package io.custodian.offload.sftp;

import java.io.IOException;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.impl.SftpResponse;
import org.apache.sshd.sftp.client.impl.SftpStatus;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.common.extensions.openssh.FsyncExtensionParser;

/**
 * Requests on a handle sent without waiting for their answers, which are taken afterwards by
 * request id: a server carries out the requests on one handle in the order they were sent, so the
 * fsync and the close can follow the last write at once.
 */
final class PipelinedRequests {

  private final RawSftpClient sftp;

  PipelinedRequests(SftpClient sftp) {
    this.sftp = (RawSftpClient) sftp;
  }

  /** Sends {@code fsync@openssh.com} for {@code handle}; returns the request id. */
  int fsync(CloseableHandle handle) throws IOException {
    byte[] id = handle.getIdentifier();
    ByteArrayBuffer buffer = new ByteArrayBuffer(64 + id.length, false);
    buffer.putString(FsyncExtensionParser.NAME);
    buffer.putBytes(id);
    return sftp.send(SftpConstants.SSH_FXP_EXTENDED, buffer);
  }

  /** Sends the close of {@code handle}; returns the request id. */
  int close(CloseableHandle handle) throws IOException {
    byte[] id = handle.getIdentifier();
    ByteArrayBuffer buffer = new ByteArrayBuffer(16 + id.length, false);
    buffer.putBytes(id);
    return sftp.send(SftpConstants.SSH_FXP_CLOSE, buffer);
  }

  /** Waits for the answer to request {@code id} of {@code type}; throws unless it is OK. */
  void expectOk(int type, int id) throws IOException {
    SftpResponse response = SftpResponse.parse(type, sftp.receive(id));
    if (response.getType() != SftpConstants.SSH_FXP_STATUS) {
      throw new SftpException(
          SftpConstants.SSH_FX_BAD_MESSAGE,
          "Unexpected answer " + SftpConstants.getCommandMessageName(response.getType()));
    }
    SftpStatus status = SftpStatus.parse(response);
    if (!status.isOk()) {
      throw new SftpException(status.getStatusCode(), status.getMessage());
    }
  }
}
