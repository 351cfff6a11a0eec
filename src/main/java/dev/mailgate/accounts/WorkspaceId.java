package dev.mailgate.accounts;

import java.io.Serializable;
import java.util.UUID;

/**
 * Identifies a workspace: the tenant that owns contacts, campaigns and apps.
 */
public record WorkspaceId(UUID value) implements Serializable {

	public static WorkspaceId random() {
		return new WorkspaceId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
