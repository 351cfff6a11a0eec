package dev.mailgate.campaigns.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MergeTagsTests {

	@Test
	void tagsTakeTheContactsValueOrTheirDefaultOrNothing() {
		Map<String, String> ada = Map.of("first_name", "Ada", "company_size", "40");

		assertThat(
				MergeTags.render("Hi {{first_name|there}}, {{ company_size }} people, {{last_name}}.", ada::get, false))
			.isEqualTo("Hi Ada, 40 people, .");
		assertThat(MergeTags.render("Hi {{first_name|there}}!", Map.<String, String>of()::get, false))
			.isEqualTo("Hi there!");
	}

	@Test
	void valuesAreEscapedInHtmlSoANameCannotInjectMarkup() {
		Map<String, String> mallory = Map.of("first_name", "<script>alert(1)</script>");

		assertThat(MergeTags.render("<p>Hi {{first_name}}</p>", mallory::get, true))
			.isEqualTo("<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;</p>");
		assertThat(MergeTags.render("Hi {{first_name}}", mallory::get, false))
			.isEqualTo("Hi <script>alert(1)</script>");
	}

	@Test
	void namesListsEachTagOnceInOrder() {
		assertThat(MergeTags.names("{{email}} {{first_name|x}} {{email}} {{plan}}")).containsExactly("email",
				"first_name", "plan");
	}

	@Test
	void aDollarSignInAValueIsKeptAsWritten() {
		assertThat(MergeTags.render("Price: {{price}}", Map.of("price", "$5")::get, false)).isEqualTo("Price: $5");
	}

}
