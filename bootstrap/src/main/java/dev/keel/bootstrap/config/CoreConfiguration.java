package dev.keel.bootstrap.config;

import dev.keel.application.common.Transactions;
import dev.keel.domain.common.IdGenerator;
import dev.keel.domain.common.UuidV7Generator;
import dev.keel.infrastructure.persistence.SpringTransactions;
import java.time.Clock;
import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What every aggregate's wiring needs: the clock, the id generator, the transaction boundary and
 * every MyBatis mapper. Kept apart from the example's configuration, so deleting Widget leaves it.
 */
@Configuration(proxyBeanMethods = false)
@MapperScan(basePackages = "dev.keel.infrastructure.persistence", annotationClass = Mapper.class)
public class CoreConfiguration {

    @Bean
    static MapperScanAheadOfTime mapperScanAheadOfTime() {
        return new MapperScanAheadOfTime();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdGenerator idGenerator(Clock clock) {
        return new UuidV7Generator(clock);
    }

    @Bean
    Transactions transactions(PlatformTransactionManager transactionManager) {
        return new SpringTransactions(transactionManager);
    }
}
