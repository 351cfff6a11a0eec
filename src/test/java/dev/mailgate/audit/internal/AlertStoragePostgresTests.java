package dev.mailgate.audit.internal;

import dev.mailgate.support.RequiresPostgres;
import dev.mailgate.support.TestDatabase;

@RequiresPostgres
class AlertStoragePostgresTests extends AlertStorageContract {

	@Override
	TestDatabase openDatabase() {
		return TestDatabase.postgresql();
	}

}
