package io.tidemark.spring.boot.autoconfigure;

import io.tidemark.core.DependencyResolver;
import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.core.MethodParameter;

/**
 * Resolves change units' parameters from the application context as Spring resolves a constructor's:
 * by type (generic type included), narrowed by {@code @Qualifier} (or a qualifier annotation of the
 * application's), {@code @Primary} and the parameter's name; {@code Optional}, {@code ObjectProvider},
 * collections and {@code @Value} work as in any bean. A parameter no bean satisfies, or several satisfy
 * equally, is reported by name and type among the problems of the change set.
 */
final class SpringDependencyResolver implements DependencyResolver {

    private final AutowireCapableBeanFactory beanFactory;

    SpringDependencyResolver(AutowireCapableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Resolution resolve(Parameter parameter) {
        DependencyDescriptor descriptor = new DependencyDescriptor(MethodParameter.forParameter(parameter), true);
        try {
            Object value = beanFactory.resolveDependency(descriptor, null);
            return value == null ? Resolution.unresolved(noBean(parameter)) : Resolution.of(value);
        } catch (NoUniqueBeanDefinitionException e) {
            return Resolution.unresolved(e.getNumberOfBeansFound() + " beans of type "
                    + parameter.getParameterizedType().getTypeName() + qualifiers(parameter) + " match ("
                    + String.join(", ", e.getBeanNamesFound() == null ? java.util.List.of() : e.getBeanNamesFound())
                    + "): mark one @Primary, or name one with @Qualifier on the parameter");
        } catch (NoSuchBeanDefinitionException e) {
            return Resolution.unresolved(noBean(parameter));
        }
    }

    private static String noBean(Parameter parameter) {
        return "no bean of type " + parameter.getParameterizedType().getTypeName() + qualifiers(parameter)
                + " in the application context: define one, or give the value to the builder with a "
                + "TidemarkBuilderCustomizer bean (builder.dependency(...))";
    }

    private static String qualifiers(Parameter parameter) {
        String annotations = Arrays.stream(parameter.getAnnotations())
                .map(SpringDependencyResolver::describe)
                .collect(Collectors.joining(" "));
        return annotations.isEmpty() ? "" : " with " + annotations;
    }

    private static String describe(Annotation annotation) {
        String text = annotation.toString();
        return text.startsWith("@") ? text : "@" + text;
    }
}
