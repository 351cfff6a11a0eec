package dev.mailgate.contacts.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.contacts.AlreadyExists;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.FieldType;
import dev.mailgate.contacts.InvalidContact;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The custom fields page: what extra facts contacts carry (a company size, a birthday),
 * defining one and deleting one with every value of it.
 */
@Controller
@RequestMapping("/contacts/fields")
class FieldPagesController {

	private final Contacts contacts;

	FieldPagesController(Contacts contacts) {
		this.contacts = contacts;
	}

	@GetMapping
	String showFields(WorkspaceMember marketer, Model model) {
		return fields(marketer, "", "", FieldType.TEXT.value(), model);
	}

	@PostMapping
	String defineField(WorkspaceMember marketer, @RequestParam(defaultValue = "") String label,
			@RequestParam(defaultValue = "") String key, @RequestParam(defaultValue = "text") String type, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			FieldType fieldType = FieldType.parse(type)
				.orElseThrow(() -> new InvalidContact("type", "choose text, number, date or true/false"));
			FieldDefinition field = this.contacts.defineField(marketer.workspace(), key.strip(), label, fieldType);
			redirect.addFlashAttribute("notice", "Contacts now have the field %s.".formatted(field.label()));
			return "redirect:/contacts/fields";
		}
		catch (InvalidContact ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			Map<String, String> errors = new LinkedHashMap<>();
			ex.errors().forEach((error) -> errors.putIfAbsent(error.field(), error.detail()));
			model.addAttribute("errors", errors);
			return fields(marketer, label, key, type, model);
		}
		catch (AlreadyExists ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("error", "There is a field with the key %s already.".formatted(key.strip()));
			return fields(marketer, label, key, type, model);
		}
	}

	@GetMapping("/{key}/delete")
	String confirmDeletion(WorkspaceMember marketer, @PathVariable String key, Model model) {
		FieldDefinition field = find(marketer, key);
		model.addAttribute("confirmation",
				new Confirmation("Delete the field %s?".formatted(field.label()),
						"Every contact's %s value is deleted with it. This cannot be undone.".formatted(field.label()),
						"/contacts/fields/" + field.key() + "/delete", "/contacts/fields", "Delete field"));
		return Confirmation.VIEW;
	}

	@PostMapping("/{key}/delete")
	String deleteField(WorkspaceMember marketer, @PathVariable String key, RedirectAttributes redirect) {
		FieldDefinition field = find(marketer, key);
		this.contacts.deleteField(marketer.workspace(), field.key());
		redirect.addFlashAttribute("notice", "The field %s is deleted.".formatted(field.label()));
		return "redirect:/contacts/fields";
	}

	private String fields(WorkspaceMember marketer, String label, String key, String type, Model model) {
		List<FieldDefinition> fields = this.contacts.fields(marketer.workspace());
		Map<String, String> typeNames = new LinkedHashMap<>();
		fields.forEach((field) -> typeNames.put(field.key(), MappingView.typeName(field)));
		model.addAttribute("fields", fields);
		model.addAttribute("typeNames", typeNames);
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		model.addAttribute("types", FieldType.values());
		model.addAttribute("label", label);
		model.addAttribute("key", key);
		model.addAttribute("type", type);
		return "contacts/fields";
	}

	private FieldDefinition find(WorkspaceMember marketer, String key) {
		return this.contacts.fields(marketer.workspace())
			.stream()
			.filter((field) -> field.key().equals(key))
			.findFirst()
			.orElseThrow(() -> new ContactNotFound("This field"));
	}

}
