package dev.tributary;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Tributary: regional SFA tools to the HQ CRM and ERP through ActiveMQ Artemis. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TributaryApplication {

    public static void main(String[] args) {
        SpringApplication.run(TributaryApplication.class, args);
    }
}
