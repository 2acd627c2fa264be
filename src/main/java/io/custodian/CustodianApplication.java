package io.custodian;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Spring Boot application: every module below this package is one capability. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "web")
public class CustodianApplication {

  /** Starts the service with the given Spring Boot arguments. */
  public static void main(String[] args) {
    SpringApplication.run(CustodianApplication.class, args);
  }
}
