package dev.mailgate.audit.internal;

import java.nio.file.Path;

import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

class AlertStorageH2Tests extends AlertStorageContract {

	@TempDir
	Path directory;

	@Override
	TestDatabase openDatabase() {
		return TestDatabase.h2(this.directory);
	}

}
