package dev.mailgate.contacts.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the contacts module.
 *
 * @param bulkConcurrency how many batch upserts (API batches, CSV imports) one node
 * writes at once; more wait their turn. Each holds its batch in memory, and the database
 * serializes their writes anyway, so a few keep the heap small without losing throughput.
 */
@ConfigurationProperties("mailgate.contacts")
record ContactsProperties(@DefaultValue("2") int bulkConcurrency) {
}
