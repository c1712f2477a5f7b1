package dev.keel.bootstrap.config;

import dev.keel.application.common.Transactions;
import dev.keel.application.widget.service.WidgetAttachmentService;
import dev.keel.application.widget.service.WidgetService;
import dev.keel.domain.common.IdGenerator;
import dev.keel.domain.common.UuidV7Generator;
import dev.keel.domain.storage.ObjectStorage;
import dev.keel.domain.widget.WidgetRepository;
import dev.keel.infrastructure.persistence.SpringTransactions;
import dev.keel.infrastructure.persistence.widget.MyBatisWidgetRepository;
import dev.keel.infrastructure.persistence.widget.WidgetConverter;
import dev.keel.infrastructure.persistence.widget.WidgetMapper;
import java.time.Clock;
import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the widget slice: services are plain classes from the application ring, made beans
 * here, so neither the domain nor the application knows Spring.
 */
@Configuration(proxyBeanMethods = false)
@MapperScan(basePackages = "dev.keel.infrastructure.persistence", annotationClass = Mapper.class)
public class WidgetConfiguration {

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

    @Bean
    WidgetRepository widgetRepository(WidgetMapper mapper) {
        return new MyBatisWidgetRepository(mapper, WidgetConverter.INSTANCE);
    }

    @Bean
    WidgetService widgetService(WidgetRepository widgets, Transactions transactions, IdGenerator ids, Clock clock) {
        return new WidgetService(widgets, transactions, ids, clock);
    }

    @Bean
    WidgetAttachmentService widgetAttachmentService(WidgetRepository widgets, ObjectStorage storage,
                                                    Transactions transactions, IdGenerator ids,
                                                    AttachmentProperties properties) {
        return new WidgetAttachmentService(widgets, storage, transactions, ids, properties.downloadLifetime());
    }
}
