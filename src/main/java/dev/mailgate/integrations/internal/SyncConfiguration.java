package dev.mailgate.integrations.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.ListId;

import org.springframework.stereotype.Component;

/**
 * What a connection's sync works with: its provider's source, its settings (the source's
 * default mapping until someone saves others), and the consent source new contacts record
 * ({@code sync:<registration id>}).
 */
@Component
class SyncConfiguration {

	private final List<ContactSource> sources;

	private final JdbcSyncSettings settings;

	private final Contacts contacts;

	SyncConfiguration(List<ContactSource> sources, JdbcSyncSettings settings, Contacts contacts) {
		this.sources = sources;
		this.settings = settings;
		this.contacts = contacts;
	}

	Optional<ContactSource> source(Connection connection) {
		return this.sources.stream().filter((source) -> source.serves(connection.provider().type())).findFirst();
	}

	SyncSettings settings(Connection connection, ContactSource source) {
		List<FieldDefinition> fields = this.contacts.fields(connection.workspace());
		return this.settings.find(connection.id())
			.map((saved) -> saved.mapping().isEmpty() ? withMapping(saved, source.defaultMapping(keys(fields))) : saved)
			.orElseGet(() -> new SyncSettings(source.defaultMapping(keys(fields)), null, SyncSettings.Schedule.OFF,
					null, null));
	}

	/**
	 * @throws SourceRefused when Mailgate cannot read contacts from the provider
	 */
	Resolved resolve(Connection connection) {
		ContactSource source = source(connection).orElseThrow(() -> new SourceRefused(
				"Mailgate cannot import contacts from %s".formatted(connection.provider().type().label())));
		SyncSettings settings = settings(connection, source);
		ListId list = settings.list();
		if (list != null && this.contacts.findList(connection.workspace(), list).isEmpty()) {
			settings = new SyncSettings(settings.mapping(), null, settings.schedule(), settings.watermark(),
					settings.nextRunAt());
		}
		SyncMapping mapping = new SyncMapping(settings.mapping(), this.contacts.fields(connection.workspace()));
		return new Resolved(source, settings, mapping, "sync:" + connection.provider().registrationId());
	}

	private static SyncSettings withMapping(SyncSettings saved, java.util.Map<String, String> mapping) {
		return new SyncSettings(mapping, saved.list(), saved.schedule(), saved.watermark(), saved.nextRunAt());
	}

	private static Set<String> keys(List<FieldDefinition> fields) {
		return fields.stream().map(FieldDefinition::key).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
	}

	/**
	 * A connection's sync, ready to run.
	 */
	record Resolved(ContactSource source, SyncSettings settings, SyncMapping mapping, String consentSource) {
	}

}
