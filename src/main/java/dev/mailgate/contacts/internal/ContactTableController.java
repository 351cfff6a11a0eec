package dev.mailgate.contacts.internal;

import java.util.List;
import java.util.Map;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.ContactQuery;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.Page;
import dev.mailgate.contacts.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The contacts table: a page of contacts at a time with the search box and filters, the
 * number of contacts they match, and what to do when there are none.
 */
@Controller
class ContactTableController {

	static final int PAGE_SIZE = 50;

	private final Contacts contacts;

	ContactTableController(Contacts contacts) {
		this.contacts = contacts;
	}

	@GetMapping("/contacts")
	String showContacts(WorkspaceMember marketer, @ModelAttribute("filters") ContactFilters filters,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		List<ContactList> lists = this.contacts.lists(marketer.workspace());
		Map<ListId, String> listNames = ContactPagesController.byId(lists);
		ContactQuery query = filters.query();
		Page<Contact> page = page(marketer, query, ContactFilters.blankToNull(cursor));
		long matching = this.contacts.count(marketer.workspace(), query);
		model.addAttribute("contacts", page.data().stream().map((c) -> ContactView.of(c, listNames)).toList());
		model.addAttribute("matching", matching);
		model.addAttribute("total",
				filters.any() ? this.contacts.count(marketer.workspace(), ContactQuery.all()) : matching);
		model.addAttribute("nextPage",
				(page.nextCursor() != null) ? filters.link("/contacts", page.nextCursor()) : null);
		model.addAttribute("firstPage", (cursor != null && !cursor.isBlank()) ? filters.link("/contacts", null) : null);
		model.addAttribute("exportLink", filters.link("/contacts/export", null));
		model.addAttribute("filtered", filters.any());
		model.addAttribute("listFilter", (filters.listId() != null) ? listNames.get(filters.listId()) : null);
		model.addAttribute("lists", lists);
		model.addAttribute("statuses", SubscriptionStatus.values());
		return "contacts/table";
	}

	/**
	 * A cursor that is not one of ours (an old bookmark) shows the first page.
	 */
	private Page<Contact> page(WorkspaceMember marketer, ContactQuery query, @Nullable String cursor) {
		try {
			return this.contacts.listNewestFirst(marketer.workspace(), query, cursor, PAGE_SIZE);
		}
		catch (InvalidContact ex) {
			return this.contacts.listNewestFirst(marketer.workspace(), query, null, PAGE_SIZE);
		}
	}

}
