package io.custodian.demo;

import java.io.IOException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A demo whose walk-through is done: the service and the loopback SFTP server still run until
 * closed (by Ctrl-C from the command line, by {@link #close} in a test).
 */
record RunningDemo(
    ConfigurableApplicationContext service,
    LoopbackSftpServer sftp,
    LoopbackMailServer mail,
    DemoReport report)
    implements AutoCloseable {

  @Override
  public void close() throws IOException {
    service.close();
    sftp.close();
    mail.close();
  }
}
