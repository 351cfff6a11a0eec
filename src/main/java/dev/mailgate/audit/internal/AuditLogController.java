package dev.mailgate.audit.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.platform.ErrorDetail;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /security/audit}: the workspace's security events, newest first, a page at a
 * time, with filters; and the filtered events as CSV, written a page at a time as they
 * are read. For the workspace's owners and admins; platform administrators also see the
 * events that belong to no workspace.
 */
@Controller
@RequestMapping("/security/audit")
class AuditLogController {

	static final int PAGE_SIZE = 50;

	static final int EXPORT_PAGE_SIZE = 500;

	private static final String PATH = "/security/audit";

	/**
	 * Lets Excel read the file as UTF-8.
	 */
	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final AuditLog auditLog;

	private final AuditLogViewers viewers;

	private final Accounts accounts;

	private final AuditLogProperties properties;

	private final Clock clock;

	AuditLogController(AuditLog auditLog, AuditLogViewers viewers, Accounts accounts, AuditLogProperties properties,
			Clock clock) {
		this.auditLog = auditLog;
		this.viewers = viewers;
		this.accounts = accounts;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping
	String showAuditLog(Authentication authentication, @ModelAttribute("filters") AuditLogFilters filters,
			@RequestParam(required = false) @Nullable String cursor, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		AuditViewer viewer = this.viewers.of(authentication, request);
		model.addAttribute("workspaceName", this.accounts.workspaceName(viewer.workspace()).orElse(""));
		model.addAttribute("platformAdministrator", viewer.platformAdministrator());
		model.addAttribute("retentionDays", this.properties.retention().toDays());
		model.addAttribute("categories", AuditCategory.values());
		model.addAttribute("outcomes", AuditOutcome.values());
		model.addAttribute("filtered", filters.any());
		try {
			AuditLogPage page = this.auditLog.page(filters.query(viewer), after(cursor), PAGE_SIZE);
			model.addAttribute("events", page.entries().stream().map(AuditLogView::of).toList());
			model.addAttribute("nextPage", (page.next() != null) ? filters.link(PATH, page.next().encode()) : null);
			model.addAttribute("firstPage", (cursor != null && !cursor.isBlank()) ? filters.link(PATH, null) : null);
			model.addAttribute("exportLink", filters.link(PATH + "/export.csv", null));
		}
		catch (AuditFilterRejected ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("invalid", ex.parameter());
			model.addAttribute("events", List.of());
		}
		return "audit/log";
	}

	@GetMapping("/export.csv")
	void exportAuditLog(Authentication authentication, @ModelAttribute AuditLogFilters filters,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		AuditViewer viewer = this.viewers.of(authentication, request);
		AuditLogQuery query;
		try {
			query = filters.query(viewer);
		}
		catch (AuditFilterRejected ex) {
			ErrorDetail.attach(request, ex.getMessage());
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename("audit-log-%s.csv".formatted(LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC)))
					.build()
					.toString());
		Writer writer = response.getWriter();
		writer.write(BYTE_ORDER_MARK);
		try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
			AuditLogCsv.printHeader(csv);
			AuditLogCursor after = null;
			do {
				AuditLogPage page = this.auditLog.page(query, after, EXPORT_PAGE_SIZE);
				for (AuditEntry entry : page.entries()) {
					AuditLogCsv.print(csv, entry);
				}
				after = page.next();
			}
			while (after != null);
		}
	}

	/**
	 * A cursor that is not one of ours (an old bookmark) shows the first page.
	 */
	private static @Nullable AuditLogCursor after(@Nullable String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			return AuditLogCursor.decode(cursor);
		}
		catch (AuditFilterRejected ex) {
			return null;
		}
	}

}
