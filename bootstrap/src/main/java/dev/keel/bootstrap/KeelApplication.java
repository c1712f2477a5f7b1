package dev.keel.bootstrap;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The runnable application: wires the rings together; holds no business logic. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KeelApplication {

    /** Serves the API; with {@code migrate} as first argument, applies the migrations once and exits. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("migrate")) {
            System.exit(MigrateOnce.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(KeelApplication.class, args);
    }
}
