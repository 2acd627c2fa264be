package io.custodian;

import io.custodian.demo.Demo;
import io.custodian.ops.AdminCommands;
import java.util.Arrays;

/**
 * The command-line entry point: {@code custodian serve} runs the service, {@code custodian demo}
 * runs it with a loopback SFTP server and synthetic traffic, other verbs run one administrative
 * task against the same configuration and data directory, then exit.
 */
public final class Custodian {

  private Custodian() {}

  /** Dispatches on the first argument; no argument means {@code serve}. */
  public static void main(String[] args) {
    String verb = args.length == 0 ? "serve" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (verb) {
      case "serve" -> CustodianApplication.main(rest);
      case "demo" -> {
        int status = Demo.run(CustodianApplication.class, rest);
        if (status != 0) {
          System.exit(status);
        }
      }
      case "help", "--help", "-h" -> System.out.println(AdminCommands.USAGE);
      default -> System.exit(AdminCommands.run(CustodianApplication.class, verb, rest));
    }
  }
}
