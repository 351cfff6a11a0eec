package dev.mailgate.contacts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * CSV files waiting for their column mapping, in {@code contacts_import_uploads}: any
 * node shows the mapping page of an upload another node took. They wait an hour, and a
 * workspace's waiting files hold at most {@link ContactsProperties#importUploadsLimit()}
 * characters in all.
 */
@Repository
class ImportUploads {

	static final Duration KEPT = Duration.ofHours(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String COLUMNS = "id, workspace_id, file_name, cell_delimiter, header_cells, sample_rows, "
			+ "rows_total, uploaded_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final long limit;

	ImportUploads(JdbcClient jdbc, Clock clock, ContactsProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.limit = properties.importUploadsLimit();
	}

	/**
	 * Keeps the file read for the mapping step.
	 * @throws UploadsFull when the workspace's waiting files would hold too much
	 */
	CsvUpload save(WorkspaceId workspace, String fileName, CsvReading.Read read) {
		Instant now = this.clock.instant();
		long waiting = this.jdbc
			.sql("select coalesce(sum(content_size), 0) from contacts_import_uploads "
					+ "where workspace_id = ? and uploaded_at > ?")
			.params(workspace.value(), Timestamps.utc(now.minus(KEPT)))
			.query(Long.class)
			.single();
		if (waiting + read.text().length() > this.limit) {
			throw new UploadsFull();
		}
		CsvUpload upload = new CsvUpload(TimeOrderedIds.next(now).toString(), workspace, fileName, read.delimiter(),
				read.header(), read.samples(), read.rows(), now);
		this.jdbc
			.sql("insert into contacts_import_uploads (" + COLUMNS + ", content, content_size) "
					+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(UUID.fromString(upload.id()), workspace.value(), fileName, String.valueOf(read.delimiter()),
					JSON.writeValueAsString(read.header()), JSON.writeValueAsString(read.samples()), read.rows(),
					Timestamps.utc(now), read.text(), read.text().length())
			.update();
		return upload;
	}

	/**
	 * The workspace's upload, unless it expired or the import of it started.
	 */
	Optional<CsvUpload> find(WorkspaceId workspace, String id) {
		return uuid(id).flatMap((uuid) -> this.jdbc
			.sql("select " + COLUMNS + " from contacts_import_uploads where id = ? and workspace_id = ? "
					+ "and uploaded_at > ?")
			.params(uuid, workspace.value(), Timestamps.utc(this.clock.instant().minus(KEPT)))
			.query(ImportUploads::upload)
			.optional());
	}

	/**
	 * Removes the upload and answers its text, in the transaction that starts its import:
	 * of two nodes starting the same upload, one gets it.
	 */
	Optional<String> take(WorkspaceId workspace, String id) {
		return uuid(id).flatMap((uuid) -> {
			Optional<String> text = this.jdbc
				.sql("select content from contacts_import_uploads where id = ? and workspace_id = ?")
				.params(uuid, workspace.value())
				.query(String.class)
				.optional();
			int deleted = this.jdbc.sql("delete from contacts_import_uploads where id = ? and workspace_id = ?")
				.params(uuid, workspace.value())
				.update();
			return (deleted == 1) ? text : Optional.empty();
		});
	}

	/**
	 * Deletes the uploads that waited longer than an hour; nodes may run it at once.
	 */
	int deleteExpired() {
		return this.jdbc.sql("delete from contacts_import_uploads where uploaded_at <= ?")
			.param(Timestamps.utc(this.clock.instant().minus(KEPT)))
			.update();
	}

	private static CsvUpload upload(ResultSet rs, int row) throws SQLException {
		return new CsvUpload(rs.getString("id"), new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
				rs.getString("file_name"), rs.getString("cell_delimiter").charAt(0),
				JSON.readValue(rs.getString("header_cells"), new TypeReference<List<String>>() {
				}), JSON.readValue(rs.getString("sample_rows"), new TypeReference<List<List<String>>>() {
				}), rs.getInt("rows_total"), Timestamps.instant(rs, "uploaded_at"));
	}

	static Optional<UUID> uuid(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The workspace's files waiting for their mapping hold as much as they may.
	 */
	static final class UploadsFull extends RuntimeException {

		UploadsFull() {
			super("Your workspace has several large files waiting for their columns to be mapped, and there is "
					+ "no room for another now. Finish the imports you started, or upload this file again in an "
					+ "hour, when files left waiting are cleared.");
		}

	}

}
