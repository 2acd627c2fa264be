package io.custodian.offload.sftp;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for work done on another thread and rethrows its failure as the caller's own. */
public final class IoFutures {

  private IoFutures() {}

  /**
   * The future's result; its {@link IOException} or {@link RuntimeException} rethrown as it is, any
   * other failure wrapped in an {@code IOException}. An interrupt is kept and ends the wait with an
   * {@code IOException} saying what was being waited for ({@code doing}).
   */
  public static <T> T result(Future<T> future, String doing) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while " + doing, e);
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
}
