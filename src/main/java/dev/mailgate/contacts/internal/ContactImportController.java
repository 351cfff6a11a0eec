package dev.mailgate.contacts.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldDefinition;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CSV import in three steps: upload a file, map its columns (guessed from the header,
 * shown with sample rows), then watch the import run in the background until its summary,
 * whose rejected rows download as CSV.
 */
@Controller
@RequestMapping("/contacts/import")
class ContactImportController {

	private final ContactImports imports;

	private final Contacts contacts;

	ContactImportController(ContactImports imports, Contacts contacts) {
		this.imports = imports;
		this.contacts = contacts;
	}

	@GetMapping
	String initUploadForm(WorkspaceMember marketer, Model model) {
		model.addAttribute("running", this.imports.running(marketer.workspace()).map(ImportView::of).orElse(null));
		model.addAttribute("recent", this.imports.recent(marketer.workspace()).stream().map(ImportView::of).toList());
		model.addAttribute("fields", this.contacts.fields(marketer.workspace()));
		return "contacts/import";
	}

	@PostMapping
	String uploadFile(WorkspaceMember marketer, @RequestParam(required = false) @Nullable MultipartFile file,
			Model model, HttpServletResponse response) throws IOException {
		try {
			if (file == null
					|| file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
				throw new CsvReading.UnreadableFile("Choose a CSV file to upload first.");
			}
			String name = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "contacts.csv";
			CsvUpload upload = this.imports.upload(marketer, name, file.getBytes());
			return "redirect:/contacts/import/" + upload.id();
		}
		catch (CsvReading.UnreadableFile | ImportUploads.UploadsFull ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.getMessage());
			return initUploadForm(marketer, model);
		}
	}

	@GetMapping("/{uploadId}")
	String initMappingForm(WorkspaceMember marketer, @PathVariable String uploadId, Model model,
			RedirectAttributes redirect) {
		Optional<CsvUpload> upload = this.imports.upload(marketer, uploadId);
		if (upload.isEmpty()) {
			return expired(redirect);
		}
		List<FieldDefinition> fields = this.contacts.fields(marketer.workspace());
		List<ContactList> lists = this.contacts.lists(marketer.workspace());
		return mapping(upload.get(), ImportMapping.guess(upload.get().header(), fields, lists), fields, lists, model);
	}

	@PostMapping("/{uploadId}")
	String startImport(WorkspaceMember marketer, @PathVariable String uploadId,
			@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Optional<CsvUpload> upload = this.imports.upload(marketer, uploadId);
		if (upload.isEmpty()) {
			return expired(redirect);
		}
		List<FieldDefinition> fields = this.contacts.fields(marketer.workspace());
		List<ContactList> lists = this.contacts.lists(marketer.workspace());
		ImportMapping mapping = ImportMapping.read(params, upload.get().header().size());
		List<String> problems = mapping.problems(upload.get().header(), fields, lists);
		if (problems.isEmpty()) {
			Optional<ImportJob> job;
			try {
				job = this.imports.start(marketer, upload.get(), mapping);
			}
			catch (ContactImports.UploadGone ex) {
				return expired(redirect);
			}
			if (job.isPresent()) {
				return "redirect:/contacts/import/jobs/" + job.get().id();
			}
			problems = List.of("Another import is running in this workspace. Start this one when it has finished.");
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("problems", problems);
		return mapping(upload.get(), mapping, fields, lists, model);
	}

	@GetMapping("/jobs/{jobId}")
	String showProgress(WorkspaceMember marketer, @PathVariable String jobId, Model model) {
		ImportJob job = this.imports.job(marketer, jobId);
		model.addAttribute("job", ImportView.of(job));
		model.addAttribute("rejections", this.imports.rejections(job, 100));
		return "contacts/import-job";
	}

	@GetMapping(path = "/jobs/{jobId}/status", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> progress(WorkspaceMember marketer, @PathVariable String jobId) {
		return this.imports.job(marketer, jobId).status();
	}

	@GetMapping("/jobs/{jobId}/rejected.csv")
	void downloadRejected(WorkspaceMember marketer, @PathVariable String jobId, HttpServletResponse response)
			throws IOException {
		ImportJob job = this.imports.job(marketer, jobId);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("rejected-rows.csv").build().toString());
		Writer writer = response.getWriter();
		try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
			csv.printRecord("line", "email", "reason");
			this.imports.eachRejection(job, (rejection) -> {
				try {
					csv.printRecord(rejection.line(), CsvCells.exported(rejection.email()),
							CsvCells.exported(rejection.reason()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	private String mapping(CsvUpload upload, ImportMapping mapping, List<FieldDefinition> fields,
			List<ContactList> lists, Model model) {
		model.addAttribute("uploadId", upload.id());
		model.addAttribute("fileName", upload.fileName());
		model.addAttribute("rows", upload.rows());
		model.addAttribute("mapping", MappingView.of(upload, mapping, fields, lists));
		model.addAttribute("lists", lists);
		model.addAttribute("addTo", (mapping.addTo() != null) ? mapping.addTo().toString() : "");
		return "contacts/import-mapping";
	}

	private static String expired(RedirectAttributes redirect) {
		redirect.addFlashAttribute("error",
				"That upload is no longer here (uploads wait an hour for their mapping). Upload the file again.");
		return "redirect:/contacts/import";
	}

}
