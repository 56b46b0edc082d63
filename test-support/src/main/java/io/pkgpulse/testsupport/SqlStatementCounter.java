package io.pkgpulse.testsupport;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.QueryCount;
import net.ttddyy.dsproxy.QueryCountHolder;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the application sends to the driver (datasource-proxy), for
 * tests whose point is batching or N+1 avoidance. A JDBC batch counts as one statement,
 * as it is one round trip once PgJDBC rewrites it. Import with
 * {@code @Import(SqlStatementCounter.class)}; counts are per thread.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatementCounter {

    @Bean
    static BeanPostProcessor countingDataSourceWrapper() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource) {
                    return ProxyDataSourceBuilder.create(dataSource).name(beanName).countQuery().build();
                }
                return bean;
            }
        };
    }

    /** Starts counting from zero on this thread. */
    public static void reset() {
        QueryCountHolder.clear();
    }

    /** What this thread sent since the last {@link #reset()}. */
    public static QueryCount counted() {
        return QueryCountHolder.getGrandTotal();
    }

}
