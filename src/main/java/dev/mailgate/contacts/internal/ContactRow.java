package dev.mailgate.contacts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.mailgate.contacts.SubscriptionStatus;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code contacts_contacts}.
 */
record ContactRow(UUID id, String email, @Nullable String firstName, @Nullable String lastName,
		SubscriptionStatus status, @Nullable String consentSource, @Nullable Instant consentAt, @Nullable String fields,
		List<String> tags, long version, Instant createdAt, Instant updatedAt) {

	static final String COLUMNS = """
			id, email, first_name, last_name, status, consent_source, consent_at, fields, tags, version,
			created_at, updated_at""";

	static ContactRow map(ResultSet rs, int rowNumber) throws SQLException {
		String tags = rs.getString("tags");
		return new ContactRow(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("first_name"),
				rs.getString("last_name"), SubscriptionStatus.valueOf(rs.getString("status")),
				rs.getString("consent_source"), Timestamps.instant(rs, "consent_at"), rs.getString("fields"),
				(tags == null || tags.isEmpty()) ? List.of() : Arrays.asList(tags.split("\n")), rs.getLong("version"),
				Objects.requireNonNull(Timestamps.instant(rs, "created_at")),
				Objects.requireNonNull(Timestamps.instant(rs, "updated_at")));
	}

	String tagsColumn() {
		return String.join("\n", this.tags);
	}

}
