package dev.keel.bootstrap.config;

import dev.keel.application.common.Transactions;
import dev.keel.application.widget.service.WidgetAttachmentService;
import dev.keel.application.widget.service.WidgetService;
import dev.keel.domain.common.IdGenerator;
import dev.keel.domain.storage.ObjectStorage;
import dev.keel.domain.widget.WidgetRepository;
import dev.keel.infrastructure.persistence.widget.MyBatisWidgetRepository;
import dev.keel.infrastructure.persistence.widget.WidgetConverter;
import dev.keel.infrastructure.persistence.widget.WidgetMapper;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the widget slice: services are plain classes from the application ring, made beans
 * here, so neither the domain nor the application knows Spring. The clock, ids and transactions
 * they take come from {@link CoreConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class WidgetConfiguration {

    @Bean
    WidgetRepository widgetRepository(WidgetMapper mapper) {
        return new MyBatisWidgetRepository(mapper, WidgetConverter.INSTANCE);
    }

    @Bean
    WidgetService widgetService(WidgetRepository widgets, Transactions transactions, IdGenerator ids, Clock clock) {
        return new WidgetService(widgets, transactions, ids, clock);
    }

    @Bean
    WidgetAttachmentService widgetAttachmentService(
            WidgetRepository widgets,
            ObjectStorage storage,
            Transactions transactions,
            IdGenerator ids,
            AttachmentProperties properties) {
        return new WidgetAttachmentService(widgets, storage, transactions, ids, properties.downloadLifetime());
    }
}
