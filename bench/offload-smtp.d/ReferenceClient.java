// The reference client of bench/offload-smtp: sends .eml files, byte for byte, with Jakarta Mail (Angus) as
// Custodian does (SMTPTransport, the same session properties for plain SMTP, a new connection every K messages),
// with no database, vault or audit. Each file is read from disk just before it is sent. Run with Angus Mail on
// the class path (see bench/offload-smtp):
//
//   java -cp CLASSPATH ReferenceClient HOST PORT SENDER RECIPIENT PER_CONNECTION DIR [WARMUP_RECIPIENT WARMUP_N]
//
// With a warm-up, the first WARMUP_N files go to WARMUP_RECIPIENT first, untimed. Prints one line:
//   RESULT messages=N bytes=B wall_ns=W cpu_ns=C  (the timed loop only: this JVM's start is not counted)

import com.sun.management.OperatingSystemMXBean;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

public class ReferenceClient {

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String sender = args[2];
    InternetAddress[] to = {new InternetAddress(args[3])};
    int perConnection = Integer.parseInt(args[4]);
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of(args[5]))) {
      files = list.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
    }
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.connectiontimeout", "60000");
    properties.setProperty("mail.smtp.timeout", "60000");
    properties.setProperty("mail.smtp.writetimeout", "60000");
    properties.setProperty("mail.smtp.auth", "false");
    properties.setProperty("mail.smtp.sendpartial", "false");
    properties.setProperty("mail.smtp.quitwait", "true");
    Session session = Session.getInstance(properties);

    if (args.length >= 8) {
      int warmup = Math.min(files.size(), Integer.parseInt(args[7]));
      send(session, host, port, sender, new InternetAddress[] {new InternetAddress(args[6])}, perConnection,
          files.subList(0, warmup));
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long start = System.nanoTime();
    long bytes = send(session, host, port, sender, to, perConnection, files);
    long wall = System.nanoTime() - start;
    long cpu = os.getProcessCpuTime() - cpu0;
    System.out.printf(Locale.ROOT, "RESULT messages=%d bytes=%d wall_ns=%d cpu_ns=%d%n", files.size(), bytes, wall,
        cpu);
  }

  /** Sends the files in order, a new connection every perConnection; any refusal ends the run. */
  static long send(Session session, String host, int port, String sender, InternetAddress[] to, int perConnection,
      List<Path> files) throws Exception {
    long bytes = 0;
    for (int from = 0; from < files.size(); from += perConnection) {
      SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
      transport.connect(host, port, null, null);
      boolean utf8Headers = transport.supportsExtension("SMTPUTF8");
      try {
        for (Path file : files.subList(from, Math.min(files.size(), from + perConnection))) {
          byte[] eml = Files.readAllBytes(file);
          Raw message = new Raw(session, sender, eml);
          if (utf8Headers && rawUtf8Headers(eml)) {
            message.setMailExtension("SMTPUTF8"); // as Custodian does when it writes raw UTF-8 headers
          }
          transport.sendMessage(message, to);
          if (transport.getLastReturnCode() != 250) {
            throw new IllegalStateException(file + ": " + transport.getLastServerResponse());
          }
          bytes += eml.length;
        }
      } finally {
        transport.close();
      }
    }
    return bytes;
  }

  /** Whether the header section (up to the first empty line) holds bytes outside ASCII. */
  static boolean rawUtf8Headers(byte[] eml) {
    for (int i = 0; i < eml.length; i++) {
      if (eml[i] < 0) {
        return true;
      }
      if (eml[i] == '\n' && i + 2 < eml.length && eml[i + 1] == '\r' && eml[i + 2] == '\n') {
        return false;
      }
    }
    return false;
  }

  /** A message that writes the given bytes as they are, as Custodian's SmtpConnection does with its EML. */
  static final class Raw extends SMTPMessage {
    final byte[] eml;

    Raw(Session session, String sender, byte[] eml) {
      super(session);
      this.eml = eml;
      setEnvelopeFrom(sender);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
      out.write(eml);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write(eml);
    }
  }
}
