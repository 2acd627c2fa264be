package io.custodian.ops;

import io.custodian.audit.AuditVerification;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The launcher's administrative verbs. Each runs against the same configuration and data directory
 * as the service, without a web server; while the service runs, it uses the service's embedded
 * database instead of starting a second one.
 */
public final class AdminCommands {

  /** What {@code custodian help} prints. */
  public static final String USAGE =
      """
      usage: custodian <command> [--setting=value ...]

        serve           run the service (the default)
        demo            the service in ./data-demo with a loopback SFTP server standing in for
                        the customer: sends synthetic calls and messages, offloads both streams
                        at once, prints where the files landed; runs until Ctrl-C
        audit verify    recompute the audit chain; exit 0 if intact, 1 if broken
        help            this text

      Settings are the same as the service's, e.g. --custodian.data-dir=/var/lib/custodian
      (demo: --custodian.data-dir=/tmp/custodian-demo, --server.port=8081)
      """;

  private AdminCommands() {}

  /** Runs one verb; returns the process exit status. */
  public static int run(Class<?> application, String verb, String[] args) {
    if (verb.equals("audit") && args.length > 0 && args[0].equals("verify")) {
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      try (ConfigurableApplicationContext context = context(application, rest)) {
        AuditVerification.Report report = context.getBean(AuditVerification.class).verify();
        if (report.intact()) {
          System.out.printf("audit trail intact: %d entries verified%n", report.verifiedEntries());
          return 0;
        }
        System.out.printf(
            "audit trail BROKEN at entry %d: %s (%s); %d entries verified before it%n",
            report.firstBrokenSeq(), report.reason(), report.detail(), report.verifiedEntries());
        return 1;
      }
    }
    System.err.println(USAGE);
    return 2;
  }

  /** Command-line settings win over every other source, so these hold unless repeated. */
  private static String[] withCommandDefaults(String[] args) {
    String[] defaults = {
      "--custodian.database.embedded.may-attach=true",
      "--logging.level.root=WARN",
      "--spring.main.log-startup-info=false"
    };
    String[] all = java.util.Arrays.copyOf(defaults, defaults.length + args.length);
    System.arraycopy(args, 0, all, defaults.length, args.length);
    return all;
  }

  private static ConfigurableApplicationContext context(Class<?> application, String[] args) {
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .run(withCommandDefaults(args));
  }
}
