package dev.mailgate.platform.internal;

import dev.mailgate.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

class LostConnectionTransactionsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void everyTransactionOfTheApplicationIsRunByTheManagerThatSkipsALostConnectionsRollback() {
		assertThat(this.transactions).isInstanceOf(LostConnectionTransactions.Manager.class);
	}

}
