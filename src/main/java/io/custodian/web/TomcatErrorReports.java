package io.custodian.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs {@link ProblemReportValve} as the embedded Tomcat's error report. */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReports {

  @Bean
  TomcatContextCustomizer problemReports() {
    return context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ProblemReportValve.class.getName());
      }
    };
  }
}
