package io.custodian.ops;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock every module reads time from, so tests can pin it. */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
