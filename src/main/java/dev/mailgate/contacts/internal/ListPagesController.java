package dev.mailgate.contacts.internal;

import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.contacts.AlreadyExists;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.contacts.ListId;

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
 * The lists page: every list with its number of contacts, creating one, renaming and
 * deleting one (its contacts stay).
 */
@Controller
@RequestMapping("/lists")
class ListPagesController {

	private final Contacts contacts;

	ListPagesController(Contacts contacts) {
		this.contacts = contacts;
	}

	@GetMapping
	String showLists(WorkspaceMember marketer, Model model) {
		model.addAttribute("lists", this.contacts.lists(marketer.workspace()));
		model.addAttribute("name", "");
		model.addAttribute("description", "");
		return "contacts/lists";
	}

	@PostMapping
	String createList(WorkspaceMember marketer, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String description, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			ContactList list = this.contacts.createList(marketer.workspace(), name, description);
			redirect.addFlashAttribute("notice", "The list %s is ready.".formatted(list.name()));
			return "redirect:/lists";
		}
		catch (InvalidContact | AlreadyExists ex) {
			model.addAttribute("lists", this.contacts.lists(marketer.workspace()));
			return showAgain("contacts/lists", ex, name, description, model, response);
		}
	}

	@GetMapping("/{id}")
	String initRenameForm(WorkspaceMember marketer, @PathVariable String id, Model model) {
		ContactList list = find(marketer, id);
		model.addAttribute("list", list);
		model.addAttribute("name", list.name());
		model.addAttribute("description", list.description());
		return "contacts/list";
	}

	@PostMapping("/{id}")
	String renameList(WorkspaceMember marketer, @PathVariable String id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String description, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		ContactList list = find(marketer, id);
		try {
			ContactList saved = this.contacts.updateList(marketer.workspace(), list.id(), name, description);
			redirect.addFlashAttribute("notice", "The list %s is saved.".formatted(saved.name()));
			return "redirect:/lists";
		}
		catch (InvalidContact | AlreadyExists ex) {
			model.addAttribute("list", list);
			return showAgain("contacts/list", ex, name, description, model, response);
		}
	}

	@GetMapping("/{id}/delete")
	String confirmDeletion(WorkspaceMember marketer, @PathVariable String id, Model model) {
		ContactList list = find(marketer, id);
		model
			.addAttribute("confirmation",
					new Confirmation("Delete the list %s?".formatted(list.name()),
							"Its %,d contacts stay in your audience and on their other lists; only the list goes."
								.formatted(list.members()),
							"/lists/" + list.id() + "/delete", "/lists", "Delete list"));
		return Confirmation.VIEW;
	}

	@PostMapping("/{id}/delete")
	String deleteList(WorkspaceMember marketer, @PathVariable String id, RedirectAttributes redirect) {
		ContactList list = find(marketer, id);
		this.contacts.deleteList(marketer.workspace(), list.id());
		redirect.addFlashAttribute("notice", "The list %s is deleted; its contacts stay.".formatted(list.name()));
		return "redirect:/lists";
	}

	private ContactList find(WorkspaceMember marketer, String id) {
		return ListId.parse(id)
			.flatMap((listId) -> this.contacts.findList(marketer.workspace(), listId))
			.orElseThrow(() -> new ContactNotFound("This list"));
	}

	/**
	 * The form again, with what the person typed and why it was not saved.
	 */
	private static String showAgain(String view, RuntimeException ex, String name, String description, Model model,
			HttpServletResponse response) {
		boolean taken = ex instanceof AlreadyExists;
		response.setStatus(taken ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
		model.addAttribute("error",
				taken ? "There is a list named %s already; choose another name.".formatted(name.strip())
						: "A list's name has 1 to %d characters, its description at most 1,000."
							.formatted(ContactRules.MAX_NAME));
		model.addAttribute("name", name);
		model.addAttribute("description", description);
		return view;
	}

}
