package dev.keel.infrastructure.persistence;

import dev.keel.application.common.Transactions;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The application's transaction port on Spring's transaction manager (the DataSource's). */
public final class SpringTransactions implements Transactions {

    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;

    public SpringTransactions(PlatformTransactionManager transactionManager) {
        this.readWrite = new TransactionTemplate(transactionManager);
        // Reads join a caller's transaction if there is one, and otherwise run on one connection in
        // autocommit: at READ COMMITTED a transaction gives reads no snapshot they lack without one
        // (each statement takes its own either way), and its BEGIN and COMMIT were a round trip to the
        // server on every read (docs/performance.md).
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
        this.readOnly.setReadOnly(true);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return readWrite.execute(status -> work.get());
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return readOnly.execute(status -> work.get());
    }
}
