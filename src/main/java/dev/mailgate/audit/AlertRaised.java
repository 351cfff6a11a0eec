package dev.mailgate.audit;

import java.time.Instant;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import org.jspecify.annotations.Nullable;

/**
 * An alert rule raised a new alert (further hits on an alert that is still open are not
 * new alerts). Carries ids and plain-language text, never a credential.
 *
 * @param alert the alert's id, as {@code /security/alerts} lists it
 * @param rule {@code failed-client-auth-burst}, {@code refresh-token-reuse},
 * {@code token-surge} or {@code retired-secret-used}
 * @param severity {@code high} or {@code medium}
 * @param workspace the workspace of the app concerned
 * @param summary what happened, in one sentence
 * @param action what Mailgate did about it, such as {@code none} or {@code app suspended}
 */
public record AlertRaised(UUID alert, String rule, String severity, @Nullable WorkspaceId workspace,
		@Nullable AppId app, @Nullable String clientId, String summary, String action, Instant at) {
}
