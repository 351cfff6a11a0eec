package dev.mailgate.contacts.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailgate.support.Fuzzing;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Fuzzes the CSV import as a marketer's browser drives it: the upload ({@code multipart},
 * any bytes, any file name), the mapping page it leads to, and the mapping posted back
 * (any target for any column, a list to add everyone to). Whatever arrives, the answer is
 * a page, a redirect or a friendly 400, never a 5xx or a stack trace. Seeds (one byte
 * each) pick the file to start from.
 */
class ContactImportFuzzTests extends ContactPagesTestSupport {

	static final List<String> FILES = List.of("""
			Email,First Name,Surname,Status,Tags,Lists
			ada@example.com,Ada,Lovelace,subscribed,"vip, math",Newsletter
			grace@example.com,Grace,Hopper,pending,navy,
			""", "email;name\r\nken@example.com;Ken\r\n", "\uFEFFE-mail\tfirst\n\"alan@example.com\"\tAlan\n");

	static final List<String> TARGETS = List.of("email", "first_name", "last_name", "status", "tags", "lists", "skip",
			"field:company_size", "list:", "list:00000000-0000-0000-0000-000000000000", "list:abc", "field:",
			"consent_source");

	@FuzzTest(maxDuration = "30s")
	void csvImportIsAnsweredWithoutServerError(FuzzedDataProvider data) {
		Fuzzing.allowLoopbackConnections();
		byte[] file = file(data);
		String name = Fuzzing.oneOf(data, List.of("contacts.csv", "export.txt"), 4);
		MvcTestResult uploaded = this.mvc.post()
			.uri("/contacts/import")
			.multipart()
			.file(new MockMultipartFile("file", name, "text/csv", file))
			.session(this.session)
			.with(csrf())
			.exchange();
		Fuzzing.assertHandled(uploaded);
		String mappingPage = uploaded.getResponse().getRedirectedUrl();
		if (mappingPage == null || !mappingPage.startsWith("/contacts/import/")) {
			return;
		}
		Fuzzing.assertHandled(get(mappingPage));
		MvcTestResult started = post(mappingPage, mapping(data));
		Fuzzing.assertHandled(started);
		String job = started.getResponse().getRedirectedUrl();
		if (job != null && job.startsWith("/contacts/import/jobs/")) {
			Fuzzing.assertHandled(get(job + "/status"));
		}
	}

	private static byte[] file(FuzzedDataProvider data) {
		byte[] file = FILES.get(data.consumeInt(0, FILES.size() - 1)).getBytes(StandardCharsets.UTF_8);
		return switch (data.consumeInt(0, 2)) {
			case 1 -> data.consumeBytes(20_000);
			case 2 -> data.consumeString(5_000).getBytes(StandardCharsets.UTF_8);
			default -> file;
		};
	}

	/**
	 * Form fields of the mapping: {@code column<i>} and {@code addTo}; as the page sends
	 * them when the input is used up.
	 */
	private static String[] mapping(FuzzedDataProvider data) {
		int columns = data.consumeInt(0, 7);
		if (columns == 0) {
			return new String[] { "column0", "email", "column1", "first_name" };
		}
		String[] params = new String[2 * columns];
		for (int i = 0; i < columns; i++) {
			params[2 * i] = (data.consumeInt(0, 5) == 5) ? data.consumeString(20) : "column" + data.consumeInt(-1, 8);
			params[2 * i + 1] = Fuzzing.oneOf(data, TARGETS, 4);
		}
		if (data.consumeBoolean()) {
			params[0] = "addTo";
		}
		return params;
	}

}
