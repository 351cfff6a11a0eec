package dev.mailgate.apps.internal;

import java.nio.file.Path;

import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

class BootstrapClientH2Tests extends BootstrapClientContract {

	@TempDir
	Path directory;

	@Override
	TestDatabase openDatabase() {
		return TestDatabase.h2(this.directory);
	}

}
