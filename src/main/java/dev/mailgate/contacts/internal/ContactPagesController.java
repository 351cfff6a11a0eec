package dev.mailgate.contacts.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.contacts.AlreadyExists;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.FieldError;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.SubscriptionStatus;
import dev.mailgate.contacts.VersionMismatch;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A contact's page: its details and the form that changes them, the form for a new
 * contact, and deleting one after a confirmation. A save carries the version the form was
 * opened at, so that it never overwrites someone else's change unseen.
 */
@Controller
@RequestMapping("/contacts")
class ContactPagesController {

	private final Contacts contacts;

	ContactPagesController(Contacts contacts) {
		this.contacts = contacts;
	}

	@GetMapping("/new")
	String initCreationForm(WorkspaceMember marketer, Model model) {
		return form(marketer, null, ContactForm.empty(), List.of(), model);
	}

	@PostMapping("/new")
	String createContact(WorkspaceMember marketer, @RequestParam MultiValueMap<String, String> params, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		ContactForm form = ContactForm.read(params);
		List<FieldError> errors = new ArrayList<>();
		ContactChanges changes = form.changes(this.contacts.fields(marketer.workspace()), ConsentSources.page(marketer),
				errors);
		try {
			requireValid(errors);
			Contact contact = this.contacts.create(marketer.workspace(), changes);
			redirect.addFlashAttribute("notice", "%s is added.".formatted(contact.email()));
			return "redirect:/contacts/" + contact.id();
		}
		catch (InvalidContact ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(marketer, null, form, ex.errors(), model);
		}
		catch (AlreadyExists ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("existing",
					this.contacts.findByEmail(marketer.workspace(), form.email())
						.map((contact) -> contact.id().toString())
						.orElse(null));
			return form(marketer, null, form, List.of(new FieldError("email", "A contact with this email exists.")),
					model);
		}
	}

	@GetMapping("/{id}")
	String showContact(WorkspaceMember marketer, @PathVariable String id, Model model) {
		Contact contact = find(marketer, id);
		return form(marketer, contact, ContactForm.of(contact), List.of(), model);
	}

	@PostMapping("/{id}")
	String updateContact(WorkspaceMember marketer, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Contact contact = find(marketer, id);
		ContactForm form = ContactForm.read(params);
		List<FieldDefinition> fields = this.contacts.fields(marketer.workspace());
		List<FieldError> errors = new ArrayList<>();
		ContactChanges changes = form.changes(fields, ConsentSources.page(marketer), errors);
		try {
			requireValid(errors);
			Contact saved = this.contacts.update(marketer.workspace(), contact.id(), changes, form.version());
			redirect.addFlashAttribute("notice", "Changes saved.");
			return "redirect:/contacts/" + saved.id();
		}
		catch (InvalidContact ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(marketer, contact, form, ex.errors(), model);
		}
		catch (AlreadyExists ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return form(marketer, contact, form, List.of(new FieldError("email", "Another contact has this email.")),
					model);
		}
		catch (VersionMismatch ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			Contact current = find(marketer, id);
			ContactForm now = ContactForm.of(current);
			model.addAttribute("differences", form.differencesFrom(now, fields, listNames(marketer)));
			return form(marketer, current, now, List.of(), model);
		}
	}

	@GetMapping("/{id}/delete")
	String confirmDeletion(WorkspaceMember marketer, @PathVariable String id, Model model) {
		Contact contact = find(marketer, id);
		model.addAttribute("confirmation",
				new Confirmation("Delete %s?".formatted(contact.email()),
						"The contact, its custom field values and its list memberships are deleted. "
								+ "This cannot be undone; importing the address again makes a new contact.",
						"/contacts/" + contact.id() + "/delete", "/contacts/" + contact.id(), "Delete contact"));
		return Confirmation.VIEW;
	}

	@PostMapping("/{id}/delete")
	String deleteContact(WorkspaceMember marketer, @PathVariable String id, RedirectAttributes redirect) {
		Contact contact = find(marketer, id);
		this.contacts.delete(marketer.workspace(), contact.id(), null);
		redirect.addFlashAttribute("notice", "%s is deleted.".formatted(contact.email()));
		return "redirect:/contacts";
	}

	private String form(WorkspaceMember marketer, @Nullable Contact contact, ContactForm form, List<FieldError> errors,
			Model model) {
		List<ContactList> lists = this.contacts.lists(marketer.workspace());
		model.addAttribute("contact", (contact != null) ? ContactView.of(contact, byId(lists)) : null);
		model.addAttribute("form", form);
		model.addAttribute("errors", ContactForm.errorsByInput(errors));
		model.addAttribute("fields", this.contacts.fields(marketer.workspace()));
		model.addAttribute("lists", lists);
		model.addAttribute("statuses", SubscriptionStatus.values());
		return "contacts/form";
	}

	private Contact find(WorkspaceMember marketer, String id) {
		return ContactId.parse(id)
			.flatMap((contactId) -> this.contacts.find(marketer.workspace(), contactId))
			.orElseThrow(() -> new ContactNotFound("This contact"));
	}

	private Map<String, String> listNames(WorkspaceMember marketer) {
		Map<String, String> names = new LinkedHashMap<>();
		this.contacts.lists(marketer.workspace()).forEach((list) -> names.put(list.id().toString(), list.name()));
		return names;
	}

	static Map<ListId, String> byId(List<ContactList> lists) {
		Map<ListId, String> names = new LinkedHashMap<>();
		lists.forEach((list) -> names.put(list.id(), list.name()));
		return names;
	}

	private static void requireValid(List<FieldError> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidContact(errors);
		}
	}

}
