package dev.mailgate.platform;

import java.util.function.Supplier;

/**
 * Runs reads with query plans made for their parameters' values, not a plan kept from
 * earlier calls. For the look-ups of a bulk write, which name up to 1,000 contacts with
 * one parameter each: PostgreSQL's JDBC driver prepares a statement on the server from
 * its fifth use, and PostgreSQL may then keep one generic plan for it. Made while the
 * table was still small (a fresh database, a first import), that plan read the whole
 * workspace and compared every row with the 1,000 parameters one by one: 1 to 2 s a batch
 * at 60,000 contacts, and clients timing out, until autovacuum's first {@code ANALYZE}
 * replaced it (docs/benchmarks.md, "Contacts API"). On H2 the reads run as they are: its
 * plan for these look-ups is the email index at any size of the table.
 */
public interface CustomPlans {

	/**
	 * Runs the reads, in a transaction of their own or the caller's, whose statements are
	 * planned for their values until it ends.
	 * @param <T> what the reads return
	 * @param reads the reads
	 * @return what they returned
	 */
	<T> T read(Supplier<T> reads);

}
