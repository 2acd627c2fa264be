package io.custodian.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.env.Environment;

/**
 * {@code custodian demo}: starts the service on its embedded defaults in {@code ./data-demo}, and
 * an SFTP server and an SMTP server on loopback in the customer's place, sends synthetic calls and
 * messages, offloads voice and messages over SFTP and each message by mail at once, and says where
 * the files and mail landed. The servers run beside the service's Spring context, not in it, and
 * the walk-through uses only the HTTP API.
 */
public final class Demo {

  private Demo() {}

  /**
   * Runs the demo and prints its summary; the service then keeps running until the process is
   * stopped. Returns 0, or 1 when the demo could not run (the reason is printed).
   */
  public static int run(Class<?> application, String... args) {
    try {
      start(application, System.out, args).report().print(System.out);
      return 0;
    } catch (DemoException e) {
      System.err.println("custodian demo: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      System.err.println("custodian demo: failed");
      e.printStackTrace();
      return 1;
    }
  }

  /** Starts the service and the SFTP server and walks through the flows; prints progress. */
  static RunningDemo start(Class<?> application, PrintStream out, String... args) {
    DemoSettings settings = DemoSettings.of(args);
    Path dataDir = settings.dataDir();
    DemoKeys keys;
    try {
      keys = DemoKeys.in(dataDir);
    } catch (IOException e) {
      throw new DemoException("cannot keep the demo's keys under " + dataDir + ": " + e, e);
    }
    String adminKey = settings.setting(DemoSettings.ADMIN_KEY).orElse(keys.adminKey());
    String[] serviceArgs =
        settings.setting(DemoSettings.ADMIN_KEY).isPresent()
            ? settings.serviceArgs().toArray(String[]::new)
            : settings.serviceArgs(DemoSettings.ADMIN_KEY, adminKey);
    out.printf("Starting Custodian on its embedded defaults in %s ...%n", dataDir);
    ConfigurableApplicationContext service;
    try {
      service = new SpringApplicationBuilder(application).run(serviceArgs);
    } catch (RuntimeException e) {
      throw new DemoException("the service did not start: " + rootCause(e), e);
    }
    LoopbackSftpServer sftp;
    try {
      sftp = LoopbackSftpServer.start(dataDir.resolve("sftp-inbox"), List.of("voice", "messages"));
    } catch (IOException | GeneralSecurityException e) {
      service.close();
      throw new DemoException("the SFTP server did not start: " + e, e);
    }
    LoopbackMailServer mail;
    try {
      mail = LoopbackMailServer.start(dataDir.resolve("mailbox"));
    } catch (IOException | RuntimeException e) {
      closeQuietly(sftp);
      service.close();
      throw new DemoException("the SMTP server did not start: " + e, e);
    }
    service.addApplicationListener(
        GenericApplicationListener.forEventType(
            ContextClosedEvent.class, closed -> stop(sftp, mail, dataDir, out)));
    try {
      Environment env = service.getEnvironment();
      URI base = loopback(env.getRequiredProperty("local.server.port"));
      URI management = loopback(env.getProperty("local.management.port", "0"));
      out.printf("SFTP server listening on 127.0.0.1:%d, serving %s%n", sftp.port(), sftp.root());
      out.printf(
          "SMTP server listening on 127.0.0.1:%d, saving mail to %s%n",
          mail.port(), mail.mailbox());
      Walkthrough.Result result =
          new Walkthrough(
                  new ServiceClient(base), adminKey, keys, sftp, mail, Clock.systemUTC(), out)
              .run();
      DemoReport report =
          new DemoReport(base, management, dataDir, keys.file(), sftp, mail, adminKey, result);
      return new RunningDemo(service, sftp, mail, report);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  private static void stop(
      LoopbackSftpServer sftp, LoopbackMailServer mail, Path dataDir, PrintStream out) {
    try {
      sftp.close();
    } catch (IOException e) {
      out.println("The SFTP server did not stop cleanly: " + e);
    }
    mail.close();
    out.printf("Custodian demo stopped; its data stays in %s for the next run.%n", dataDir);
  }

  private static void closeQuietly(LoopbackSftpServer sftp) {
    try {
      sftp.close();
    } catch (IOException e) {
      // the demo is failing already; its reason is the one to print
    }
  }

  private static URI loopback(String port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
