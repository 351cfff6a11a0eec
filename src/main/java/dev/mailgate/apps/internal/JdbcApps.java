package dev.mailgate.apps.internal;

import java.time.Instant;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcApps {

	private final JdbcClient jdbc;

	JdbcApps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean existsByClientId(String clientId) {
		return this.jdbc.sql("select count(*) from apps_apps where client_id = ?")
			.param(clientId)
			.query(Long.class)
			.single() > 0;
	}

	UUID insertConfidentialApp(WorkspaceId workspace, String clientId, String name, String scopes, Instant at) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into apps_apps (id, workspace_id, client_id, name, client_type, scopes, created_at)
				values (?, ?, ?, ?, 'CONFIDENTIAL', ?, ?)""")
			.params(id, workspace.value(), clientId, name, scopes, Timestamps.utc(at))
			.update();
		return id;
	}

	void insertSecret(UUID app, SecretHash hash, String displayPrefix, String lastFour, Instant at) {
		this.jdbc.sql("""
				insert into apps_client_secrets (id, app_id, secret_hash, display_prefix, last_four, created_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), app, hash.hex(), displayPrefix, lastFour, Timestamps.utc(at))
			.update();
	}

}
