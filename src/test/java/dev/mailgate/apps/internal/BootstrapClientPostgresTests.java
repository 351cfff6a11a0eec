package dev.mailgate.apps.internal;

import dev.mailgate.support.RequiresPostgres;
import dev.mailgate.support.TestDatabase;

@RequiresPostgres
class BootstrapClientPostgresTests extends BootstrapClientContract {

	@Override
	TestDatabase openDatabase() {
		return TestDatabase.postgresql();
	}

}
