package dev.mailgate.cli.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./mailgate contacts …}: contacts in and out as CSV files, through
 * {@code /api/v1/contacts}, {@code /api/v1/lists} and {@code /api/v1/fields}.
 */
@Command(name = "contacts", mixinStandardHelpOptions = true,
		subcommands = { ImportContactsCommand.class, ExportContactsCommand.class },
		description = "Import contacts from a CSV file, or export them to one.")
public class ContactsCommand implements Runnable {

	@Spec
	@Nullable CommandSpec spec;

	@Override
	public void run() {
		if (this.spec != null) {
			throw new ParameterException(this.spec.commandLine(), "Name a command: import or export");
		}
	}

	/**
	 * The workspace's custom fields: their types ({@code text}, {@code number},
	 * {@code date}, {@code boolean}) by key, in the API's order.
	 */
	static Map<String, String> fieldTypes(Connection connection) {
		Map<String, String> types = new LinkedHashMap<>();
		connection.get("/api/v1/fields")
			.path("data")
			.forEach((field) -> types.put(field.path("key").asString(), field.path("type").asString()));
		return types;
	}

}
