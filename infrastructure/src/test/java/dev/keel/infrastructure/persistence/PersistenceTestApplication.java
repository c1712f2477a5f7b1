package dev.keel.infrastructure.persistence;

import dev.keel.infrastructure.persistence.widget.MyBatisWidgetRepository;
import dev.keel.infrastructure.persistence.widget.WidgetConverter;
import dev.keel.infrastructure.persistence.widget.WidgetMapper;
import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/** Just the persistence adapters, their DataSource, MyBatis and Flyway: what the contract tests need. */
@SpringBootApplication
@MapperScan(basePackages = "dev.keel.infrastructure.persistence", annotationClass = Mapper.class)
class PersistenceTestApplication {

    @Bean
    MyBatisWidgetRepository widgetRepository(WidgetMapper mapper) {
        return new MyBatisWidgetRepository(mapper, WidgetConverter.INSTANCE);
    }

    @Bean
    SpringTransactions transactions(PlatformTransactionManager transactionManager) {
        return new SpringTransactions(transactionManager);
    }
}
