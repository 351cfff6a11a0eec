package dev.mailgate.contacts.internal;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows an import rejected and why, in {@code contacts_import_rejections}, for its
 * summary page and the download of them all.
 */
@Repository
class ImportRejections {

	private static final int EMAIL = 1000;

	private static final int REASON = 2000;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	ImportRejections(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	void add(UUID job, List<ImportJob.Rejection> rejections) {
		if (rejections.isEmpty()) {
			return;
		}
		this.batch.batchUpdate(
				"insert into contacts_import_rejections (import_id, line, email, reason) values (?, ?, ?, ?)",
				rejections, rejections.size(), (statement, rejection) -> {
					statement.setObject(1, job);
					statement.setLong(2, rejection.line());
					statement.setString(3, shorten(rejection.email(), EMAIL));
					statement.setString(4, shorten(rejection.reason(), REASON));
				});
	}

	/**
	 * The first rejected rows, by their line.
	 */
	List<ImportJob.Rejection> first(UUID job, int limit) {
		return this.jdbc
			.sql("select line, email, reason from contacts_import_rejections where import_id = ? order by line "
					+ "limit ?")
			.params(job, limit)
			.query(ImportJob.Rejection.class)
			.list();
	}

	/**
	 * Hands every rejected row to {@code each}, by their line, without holding them all.
	 */
	void each(UUID job, Consumer<ImportJob.Rejection> each) {
		this.jdbc.sql("select line, email, reason from contacts_import_rejections where import_id = ? order by line")
			.param(job)
			.query((rs) -> {
				each.accept(new ImportJob.Rejection(rs.getLong("line"), rs.getString("email"), rs.getString("reason")));
			});
	}

	private static String shorten(String text, int max) {
		return (text.length() > max) ? text.substring(0, max - 1) + "…" : text;
	}

}
