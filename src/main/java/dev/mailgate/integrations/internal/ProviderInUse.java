package dev.mailgate.integrations.internal;

/**
 * A provider cannot be removed while workspaces are connected to it: their tokens would
 * be left behind at the provider.
 */
class ProviderInUse extends RuntimeException {

	private final int connectedWorkspaces;

	ProviderInUse(String name, int connectedWorkspaces) {
		super("%s is connected in %d workspace(s)".formatted(name, connectedWorkspaces));
		this.connectedWorkspaces = connectedWorkspaces;
	}

	int connectedWorkspaces() {
		return this.connectedWorkspaces;
	}

}
