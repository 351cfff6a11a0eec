package dev.mailgate.contacts.internal;

import java.nio.file.Path;

import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

class ImportStorageH2Tests extends ImportStorageContract {

	@TempDir
	Path directory;

	@Override
	TestDatabase openDatabase() {
		return TestDatabase.h2(this.directory);
	}

}
