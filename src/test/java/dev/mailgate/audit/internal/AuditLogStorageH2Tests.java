package dev.mailgate.audit.internal;

import java.nio.file.Path;

import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

class AuditLogStorageH2Tests extends AuditLogStorageContract {

	@TempDir
	Path directory;

	@Override
	TestDatabase openDatabase() {
		return TestDatabase.h2(this.directory);
	}

}
