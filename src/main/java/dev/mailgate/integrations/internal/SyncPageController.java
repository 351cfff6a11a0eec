package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.ListId;
import dev.mailgate.integrations.ConnectionId;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sync page of a connection ({@code templates/integrations/sync.html}): its settings,
 * Sync now, the live progress of the current run (polled by {@code js/sync.js}) and the
 * history. Any member of the connection's workspace may use it.
 */
@Controller
@RequestMapping("/integrations/connections/{id}/sync")
class SyncPageController {

	static final int HISTORY = 20;

	private final JdbcConnections connections;

	private final SyncConfiguration configuration;

	private final JdbcSyncSettings settings;

	private final SyncRuns runs;

	private final SyncEnd end;

	private final Contacts contacts;

	private final Clock clock;

	SyncPageController(JdbcConnections connections, SyncConfiguration configuration, JdbcSyncSettings settings,
			SyncRuns runs, SyncEnd end, Contacts contacts, Clock clock) {
		this.connections = connections;
		this.configuration = configuration;
		this.settings = settings;
		this.runs = runs;
		this.end = end;
		this.contacts = contacts;
		this.clock = clock;
	}

	@GetMapping
	String showSync(WorkspaceMember member, @PathVariable String id, Model model) {
		Connection connection = connection(member, id);
		model.addAttribute("connection", connection);
		model.addAttribute("reconnectNeeded", !connection.active());
		List<SyncRun> history = this.runs.history(connection.id(), HISTORY);
		model.addAttribute("run", history.isEmpty() ? null : SyncRunView.of(history.get(0)));
		model.addAttribute("history", history.stream().map(SyncRunView::of).toList());
		ContactSource source = this.configuration.source(connection).orElse(null);
		model.addAttribute("supported", source != null);
		if (source != null) {
			form(model, connection, source);
		}
		return "integrations/sync";
	}

	@GetMapping(path = "/status", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, @Nullable Object> showProgress(WorkspaceMember member, @PathVariable String id) {
		Connection connection = connection(member, id);
		List<SyncRun> latest = this.runs.history(connection.id(), 1);
		if (latest.isEmpty()) {
			return Map.of("status", "none");
		}
		Map<String, @Nullable Object> json = SyncRunJson.write(latest.get(0));
		json.put("progress_text", SyncRunView.progress(latest.get(0).fetched(), latest.get(0).total()));
		json.put("waiting_text", SyncRunView.waiting(latest.get(0)));
		return json;
	}

	@PostMapping("/runs")
	String syncNow(WorkspaceMember member, @PathVariable String id, RedirectAttributes redirect) {
		Connection connection = connection(member, id);
		try {
			this.runs.start(connection.id(), "manual");
			redirect.addFlashAttribute("notice", "Sync started. You can leave this page: it goes on.");
		}
		catch (ConnectionUnusable ex) {
			redirect.addFlashAttribute("error",
					"This connection needs reconnecting before it can sync: connect the account again.");
		}
		return "redirect:/integrations/connections/" + connection.id() + "/sync";
	}

	@PostMapping("/runs/{run}/cancel")
	String cancelSync(WorkspaceMember member, @PathVariable String id, @PathVariable String run,
			RedirectAttributes redirect) {
		Connection connection = connection(member, id);
		boolean cancelled = this.runs.history(connection.id(), HISTORY)
			.stream()
			.filter((candidate) -> candidate.id().toString().equals(run))
			.findFirst()
			.map((candidate) -> this.end.cancelled(candidate.id()))
			.orElse(false);
		redirect.addFlashAttribute(cancelled ? "notice" : "error",
				cancelled ? "Sync cancelled. The contacts it brought in so far stay; the next sync picks up the rest."
						: "That sync had already ended.");
		return "redirect:/integrations/connections/" + connection.id() + "/sync";
	}

	@PostMapping("/settings")
	String saveSettings(WorkspaceMember member, @PathVariable String id, @RequestParam Map<String, String> params,
			RedirectAttributes redirect) {
		Connection connection = connection(member, id);
		SyncSettingsForm form = SyncSettingsForm.read(params, targets(connection));
		if (form.problem() != null) {
			redirect.addFlashAttribute("error", form.problem());
		}
		else {
			ListId list = (form.list() != null
					&& this.contacts.findList(connection.workspace(), form.list()).isPresent()) ? form.list() : null;
			this.settings.save(connection.id(), form.mapping(), list, form.schedule(), this.clock.instant());
			redirect.addFlashAttribute("notice", "Sync settings saved.");
		}
		return "redirect:/integrations/connections/" + connection.id() + "/sync";
	}

	private void form(Model model, Connection connection, ContactSource source) {
		SyncSettings current = this.configuration.settings(connection, source);
		Set<String> fields = new LinkedHashSet<>(source.fields(connection));
		fields.addAll(current.mapping().keySet());
		Map<String, String> rows = new LinkedHashMap<>();
		fields.forEach((field) -> rows.put(field, current.mapping().getOrDefault(field, "")));
		model.addAttribute("rows", rows);
		model.addAttribute("targets", targets(connection));
		model.addAttribute("lists", this.contacts.lists(connection.workspace()));
		model.addAttribute("selectedList", (current.list() != null) ? current.list().toString() : "");
		model.addAttribute("schedule", current.schedule().value());
		model.addAttribute("nextRun", (current.nextRunAt() != null) ? SyncRunView.time(current.nextRunAt()) : null);
		model.addAttribute("watermark", (current.watermark() != null) ? SyncRunView.time(current.watermark()) : null);
	}

	/**
	 * What a provider field may fill: value to label.
	 */
	private Map<String, String> targets(Connection connection) {
		Map<String, String> targets = new LinkedHashMap<>();
		targets.put("email", "Email");
		targets.put("first_name", "First name");
		targets.put("last_name", "Last name");
		targets.put("tags", "Tags");
		for (FieldDefinition field : this.contacts.fields(connection.workspace())) {
			targets.put(field.key(), field.label() + " (custom field)");
		}
		return targets;
	}

	private Connection connection(WorkspaceMember member, String id) {
		try {
			return this.connections.find(member.workspace(), new ConnectionId(UUID.fromString(id)))
				.orElseThrow(() -> new SyncConnectionNotFound(id));
		}
		catch (IllegalArgumentException ex) {
			throw new SyncConnectionNotFound(id);
		}
	}

}
