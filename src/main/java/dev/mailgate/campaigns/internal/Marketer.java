package dev.mailgate.campaigns.internal;

import dev.mailgate.accounts.WorkspaceId;

/**
 * The signed-in person whose campaign and report pages these are, and the workspace they
 * work in. Controllers take it as a parameter ({@link CampaignMarketerArgument}).
 */
record Marketer(WorkspaceId workspace, String email) {
}
