package dev.mailgate;

import dev.mailgate.cli.MailgateCli;
import dev.mailgate.platform.Launch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Mailgate: an email marketing platform whose integrations run on OAuth 2.0.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "platform")
public class MailgateApplication {

	public static void main(String[] args) {
		if (args.length > 0 && MailgateCli.handles(args[0])) {
			System.exit(MailgateCli.run(args, System.out, System.err));
		}
		Launch launch = Launch.of(args);
		if (launch.serve()) {
			SpringApplication.run(MailgateApplication.class, launch.arguments());
			return;
		}
		System.exit(launch.runWithoutServer(System.out, System.err));
	}

}
