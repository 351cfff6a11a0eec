package dev.mailgate.contacts.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the contacts module.
 *
 * @param bulkConcurrency how many batch upserts (API batches, CSV imports) one node
 * writes at once; more wait their turn. Each holds its batch in memory, and the database
 * serializes their writes anyway, so a few keep the heap small without losing throughput.
 * @param importUploadsLimit how many characters the CSV files waiting for their column
 * mapping may hold in all, per workspace (five files of the 20 MB maximum by default)
 * @param importHeartbeatTimeout how long the node running a CSV import may stay silent
 * before the import counts as interrupted (that node died); it writes every few seconds
 */
@ConfigurationProperties("mailgate.contacts")
record ContactsProperties(@DefaultValue("2") int bulkConcurrency, @DefaultValue("100000000") long importUploadsLimit,
		@DefaultValue("30s") Duration importHeartbeatTimeout) {
}
