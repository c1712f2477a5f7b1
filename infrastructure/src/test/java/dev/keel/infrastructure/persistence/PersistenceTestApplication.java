package dev.keel.infrastructure.persistence;

import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Just the DataSource, MyBatis with every mapper, and Flyway: what the persistence tests need.
 * Each adapter's test builds its adapter from its mapper, so this class names no aggregate.
 */
@SpringBootApplication
@MapperScan(basePackages = "dev.keel.infrastructure.persistence", annotationClass = Mapper.class)
class PersistenceTestApplication {

    @Bean
    SpringTransactions transactions(PlatformTransactionManager transactionManager) {
        return new SpringTransactions(transactionManager);
    }
}
