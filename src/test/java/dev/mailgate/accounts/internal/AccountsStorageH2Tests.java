package dev.mailgate.accounts.internal;

import java.nio.file.Path;

import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

class AccountsStorageH2Tests extends AccountsStorageContract {

	@TempDir
	Path directory;

	@Override
	TestDatabase openDatabase() {
		return TestDatabase.h2(this.directory);
	}

}
