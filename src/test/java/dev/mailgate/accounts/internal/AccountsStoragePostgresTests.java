package dev.mailgate.accounts.internal;

import dev.mailgate.support.RequiresPostgres;
import dev.mailgate.support.TestDatabase;

@RequiresPostgres
class AccountsStoragePostgresTests extends AccountsStorageContract {

	@Override
	TestDatabase openDatabase() {
		return TestDatabase.postgresql();
	}

}
