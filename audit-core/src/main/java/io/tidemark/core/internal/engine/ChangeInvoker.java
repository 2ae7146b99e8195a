package io.tidemark.core.internal.engine;

import io.tidemark.api.ChangeContext;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.loading.ParameterSlot;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/** Constructs change units and invokes their methods with injected arguments. */
final class ChangeInvoker {

    private ChangeInvoker() {}

    /**
     * A new instance of the change unit. Besides what its constructor throws, this covers what the
     * JVM throws while loading and initialising the class, which {@code newInstance} does not wrap: an
     * {@link ExceptionInInitializerError} from a static initialiser, or a {@link NoClassDefFoundError}
     * (a missing optional dependency, or a class whose initialisation failed before). Both are the
     * change's failure, recorded like any other.
     */
    static Object instantiate(ChangeDefinition change) throws ChangeBodyException {
        try {
            return change.constructor().newInstance(arguments(change.constructorArgs(), null, null));
        } catch (InvocationTargetException e) {
            throw wrap(e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw wrap(e);
        }
    }

    static void invoke(
            Object instance, Method method, List<ParameterSlot> slots, ChangeContext context, Object transactionHandle)
            throws ChangeBodyException {
        try {
            method.invoke(instance, arguments(slots, context, transactionHandle));
        } catch (InvocationTargetException e) {
            throw wrap(e.getCause());
        } catch (IllegalAccessException | LinkageError | RuntimeException e) {
            throw wrap(e);
        }
    }

    private static Object[] arguments(List<ParameterSlot> slots, ChangeContext context, Object transactionHandle) {
        Object[] arguments = new Object[slots.size()];
        for (int i = 0; i < arguments.length; i++) {
            ParameterSlot slot = slots.get(i);
            if (slot instanceof ParameterSlot.Context) {
                arguments[i] = context;
            } else if (slot instanceof ParameterSlot.TransactionHandle) {
                arguments[i] = transactionHandle;
            } else if (slot instanceof ParameterSlot.Dependency dependency) {
                arguments[i] = dependency.value();
            } else if (slot instanceof ParameterSlot.Unresolved unresolved) {
                throw new IllegalStateException("An inspect-only change set is never run, but a change unit was "
                        + "invoked without a value for its " + unresolved.type().getName() + " parameter");
            }
        }
        return arguments;
    }

    /** A virtual machine error is not the change's failure: let it end the run without more writes. */
    private static ChangeBodyException wrap(Throwable thrown) {
        if (thrown instanceof VirtualMachineError error) {
            throw error;
        }
        return new ChangeBodyException(thrown);
    }
}
