package dev.mailgate.campaigns.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.mailgate.MailgateApplication;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldType;
import dev.mailgate.contacts.SubscriptionStatus;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How many campaign messages per second the send job hands to SMTP: the whole application
 * on an embedded database of its own, GreenMail in this JVM as the SMTP server, the
 * throttle off. It creates {@code RECIPIENTS} contacts (default 5,000) on a list, fixes
 * the audience, then times the send job from its first claim to the campaign's
 * {@code SENT}: each message rendered with merge tags, signed tracking links and the
 * pixel, sent over one SMTP connection per batch, each outcome and engagement event
 * written. Run with {@code bench/campaigns.sh} (docs/benchmarks.md).
 */
public final class DeliveryBench {

	private DeliveryBench() {
	}

	public static void main(String[] args) throws Exception {
		int recipients = Integer.parseInt(System.getenv().getOrDefault("RECIPIENTS", "5000"));
		int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "3"));
		GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		Path data = Files.createTempDirectory("mailgate-bench");
		SpringApplication application = new SpringApplication(MailgateApplication.class);
		try (ConfigurableApplicationContext context = application.run("--mailgate.data.dir=" + data, "--server.port=0",
				"--mailgate.tls.mode=proxy", "--mailgate.smtp.host=127.0.0.1",
				"--mailgate.smtp.port=" + smtp.getSmtp().getPort(), "--mailgate.smtp.starttls=false",
				"--mailgate.campaigns.send-rate=0", "--mailgate.bootstrap.admin.email=bench@mailgate.test",
				"--mailgate.bootstrap.admin.password=bench-password-of-some-length")) {
			Contacts contacts = context.getBean(Contacts.class);
			WorkspaceId workspace = context.getBean(Accounts.class).bootstrapWorkspace().orElseThrow();
			contacts.defineField(workspace, "company", "Company", FieldType.TEXT);
			for (int run = 1; run <= runs; run++) {
				ContactList list = audience(contacts, workspace, run, recipients);
				run(context, workspace, list, recipients, run);
				smtp.purgeEmailFromAllMailboxes();
			}
		}
		finally {
			smtp.stop();
		}
	}

	private static void run(ConfigurableApplicationContext context, WorkspaceId workspace, ContactList list,
			int recipients, int run) {
		CampaignDrafts drafts = context.getBean(CampaignDrafts.class);
		Delivery.Parts parts = context.getBean(Deliveries.class).parts();
		SendStart start = context.getBean(SendStart.class);
		Campaign campaign = drafts.create(workspace,
				new CampaignContent("Bench " + run, "News for {{first_name|you}}", "Fresh this week", "Bakery",
						"news@bakery.example", null, CampaignDeliveryIntegrationTests.HTML, "", list.id(), null, false),
				"bench");
		long fixing = System.nanoTime();
		start.begin(campaign, Set.of(CampaignStatus.DRAFT));
		long sending = System.nanoTime();
		new Delivery(parts).run(campaign.id());
		long done = System.nanoTime();
		int sent = parts.campaigns().counts(campaign.id()).sent();
		double seconds = Duration.ofNanos(done - sending).toMillis() / 1000.0;
		System.out.printf("run %d: %,d recipients fixed in %.2f s; %,d messages handed to SMTP in %.2f s: %,.0f/s%n",
				run, recipients, Duration.ofNanos(sending - fixing).toMillis() / 1000.0, sent, seconds, sent / seconds);
	}

	private static ContactList audience(Contacts contacts, WorkspaceId workspace, int run, int count) {
		ContactList list = contacts.createList(workspace, "Bench " + run, "");
		List<ContactChanges> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batch.add(new ContactChanges("r" + i + "@run" + run + ".bench.example", "Reader" + i, null,
					SubscriptionStatus.SUBSCRIBED, "bench", null,
					(i % 2 == 0) ? java.util.Map.of("company", "Company" + i) : null, List.of(list.id())));
			if (batch.size() == Contacts.MAX_BATCH || i == count - 1) {
				contacts.upsertAll(workspace, batch);
				batch.clear();
			}
		}
		return list;
	}

}
