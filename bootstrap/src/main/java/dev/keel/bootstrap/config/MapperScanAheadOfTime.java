package dev.keel.bootstrap.config;

import org.jspecify.annotations.Nullable;
import org.mybatis.spring.SqlSessionTemplate;
import org.mybatis.spring.mapper.MapperFactoryBean;
import org.mybatis.spring.mapper.MapperScannerConfigurer;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationExcludeFilter;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.MergedBeanDefinitionPostProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;

/**
 * MyBatis's mapper scan under Spring's AOT processing, which make run starts from (docs/performance.md). The build
 * has scanned the mappers and registers each as a bean, so the scanner must not run again at start (it would
 * register them twice); and each mapper's factory is recorded with its mapper type as a class, not a class name,
 * which the generated code cannot convert. A bean of {@link CoreConfiguration}; in a start without AOT it changes
 * nothing that matters.
 */
final class MapperScanAheadOfTime
        implements BeanFactoryInitializationAotProcessor,
                BeanRegistrationExcludeFilter,
                MergedBeanDefinitionPostProcessor {

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        return null; // nothing to add: the filter and the post-processor do the work
    }

    @Override
    public boolean isExcludedFromAotProcessing(RegisteredBean registeredBean) {
        return MapperScannerConfigurer.class.equals(registeredBean.getBeanClass());
    }

    @Override
    public void postProcessMergedBeanDefinition(RootBeanDefinition definition, Class<?> beanType, String beanName) {
        if (MapperFactoryBean.class.isAssignableFrom(beanType)
                && definition.getPropertyValues().get("mapperInterface") instanceof Class<?> mapper) {
            ConstructorArgumentValues arguments = new ConstructorArgumentValues();
            arguments.addGenericArgumentValue(mapper);
            definition.setConstructorArgumentValues(arguments);
            definition.setTargetType(ResolvableType.forClassWithGenerics(MapperFactoryBean.class, mapper));
            // The scanner leaves the session to autowiring by type, which the generated code does not repeat.
            if (!definition.getPropertyValues().contains("sqlSessionTemplate")
                    && !definition.getPropertyValues().contains("sqlSessionFactory")) {
                definition
                        .getPropertyValues()
                        .add("sqlSessionTemplate", new RuntimeBeanReference(SqlSessionTemplate.class));
            }
        }
    }
}
