package dev.mailgate.oauth.internal;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.oauth.Grants;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The apps people connected to their accounts: one consent per person and app, with every
 * token issued under it.
 */
@Service
class ConnectedApps implements Grants {

	private final JdbcClient jdbc;

	ConnectedApps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public long activeCount(WorkspaceId workspace) {
		return this.jdbc.sql("select count(*) from oauth_consents where workspace_id = ?")
			.param(workspace.value())
			.query(Long.class)
			.single();
	}

	@Override
	public long totalActiveCount() {
		return this.jdbc.sql("select count(*) from oauth_consents").query(Long.class).single();
	}

}
