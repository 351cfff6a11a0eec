package dev.mailgate.audit.internal;

import java.util.regex.Pattern;

import dev.mailgate.accounts.AccountEvents;
import dev.mailgate.accounts.Person;
import dev.mailgate.accounts.WorkspaceId;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records sign-ins on the sign-in page, in the person's default workspace. A failed one
 * for an email nobody has belongs to no workspace; what was typed is kept only when it
 * looks like an email address, since people sometimes type their password into the email
 * field.
 */
@Component
class AuditRecorderSignIns {

	private static final Pattern EMAIL_LIKE = Pattern.compile("[^@\\s]+@[^@\\s]+");

	private final AuditRecorder recorder;

	private final AuditRecorderContext context;

	AuditRecorderSignIns(AuditRecorder recorder, AuditRecorderContext context) {
		this.recorder = recorder;
		this.context = context;
	}

	@EventListener
	void on(AccountEvents.SignInSucceeded event) {
		AuditKind kind = AuditKind.SIGNIN_SUCCEEDED;
		this.recorder.record(kind,
				() -> AuditEntry.of(kind, event.at())
					.withActor(event.email())
					.withWorkspace(this.context.personWorkspace(event.user()))
					.withOrigin(this.context.ip(event.address()), this.context.userAgent(event.userAgent()))
					.withDetail(event.email() + " signed in"));
	}

	@EventListener
	void on(AccountEvents.SignInFailed event) {
		AuditKind kind = AuditKind.SIGNIN_FAILED;
		this.recorder.record(kind, () -> {
			String email = event.email().strip();
			boolean emailLike = EMAIL_LIKE.matcher(email).matches();
			Person person = emailLike ? this.context.person(email) : null;
			WorkspaceId workspace = (person != null) ? this.context.personWorkspace(person.id()) : null;
			String detail = (person != null) ? "Sign-in as %s failed".formatted(email)
					: emailLike ? "Sign-in as %s failed: no account has this email".formatted(email)
							: "Sign-in failed: the email field held no email address (not recorded)";
			return AuditEntry.of(kind, event.at())
				.withActor(emailLike ? email : null)
				.withWorkspace(workspace)
				.withOrigin(this.context.ip(event.address()), this.context.userAgent(event.userAgent()))
				.withDetail(detail);
		});
	}

}
