package dev.mailgate.campaigns.internal;

import dev.mailgate.accounts.WorkspaceId;

/**
 * The signed-in member looking at reports, and the workspace they work in. Controllers
 * take it as a parameter ({@link ReportViewerArgument}).
 */
record ReportViewer(WorkspaceId workspace, String email) {
}
