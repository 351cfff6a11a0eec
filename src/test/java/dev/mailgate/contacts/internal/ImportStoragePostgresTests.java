package dev.mailgate.contacts.internal;

import dev.mailgate.support.RequiresPostgres;
import dev.mailgate.support.TestDatabase;

@RequiresPostgres
class ImportStoragePostgresTests extends ImportStorageContract {

	@Override
	TestDatabase openDatabase() {
		return TestDatabase.postgresql();
	}

}
