package io.hookguard.domain.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;

/**
 * A port's implementation seen through a hook that runs around every call, so that a test can count, watch or
 * break calls without a hand-written class that forwards each method of the port.
 */
public final class Decorated {

    private Decorated() {
    }

    /** Runs around one call of the port; {@code proceed} calls the real implementation and returns its answer. */
    @FunctionalInterface
    public interface Around {
        Object call(Method method, Object[] args, Proceed proceed);
    }

    /** The real call; a runtime exception of the implementation propagates unchanged. */
    @FunctionalInterface
    public interface Proceed {
        Object call();
    }

    /** {@code delegate} as a {@code port} whose every call goes through {@code around}. */
    public static <T> T around(Class<T> port, T delegate, Around around) {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(around, "around");
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(delegate, args);
            }
            Object[] arguments = args == null ? new Object[0] : args;
            return around.call(method, arguments, () -> invoke(delegate, method, arguments));
        });
        return port.cast(proxy);
    }

    /** {@code delegate} as a {@code port} that runs {@code after} once each call of {@code methodName} returned. */
    public static <T> T after(Class<T> port, T delegate, String methodName, Runnable after) {
        Objects.requireNonNull(after, "after");
        return around(port, delegate, (method, args, proceed) -> {
            Object answer = proceed.call();
            if (method.getName().equals(methodName)) {
                after.run();
            }
            return answer;
        });
    }

    private static Object invoke(Object delegate, Method method, Object[] args) {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
