package dev.livetalk.bench.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Traps an operating-system signal ({@code INT}, {@code TERM}) with {@code sun.misc.Signal},
 * the JDK's supported-but-unexported API for it (module {@code jdk.unsupported}). It is reached
 * by reflection because javac's "internal proprietary API" warning cannot be suppressed and the
 * build is {@code -Xlint:all} clean. Where the JVM refuses (run with {@code -Xrs}, or the API is
 * gone) the signal keeps the JVM's default action and a note says so.
 *
 * <p>Called by the command's thread; {@code onSignal} runs on the JVM's signal dispatch thread.
 */
final class SignalTrap {
    private SignalTrap() {
    }

    /**
     * Runs {@code onSignal} when the process receives {@code name}; returns what restores the
     * previous handler.
     */
    static Runnable handle(String name, Runnable onSignal, PrintWriter err) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object signal = signalType.getConstructor(String.class).newInstance(name);
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[]{handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            onSignal.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "livetalk SIG" + name + " handler";
                    });
            Method handle = signalType.getMethod("handle", signalType, handlerType);
            Object previous = handle.invoke(null, signal, handler);
            return () -> restore(handle, signal, previous);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            Throwable why = e instanceof InvocationTargetException t ? t.getCause() : e;
            err.println("livetalk: cannot trap SIG" + name + " (" + why + "): on that signal the run stops without "
                    + "writing the results of the finished scenarios");
            err.flush();
            return () -> { };
        }
    }

    private static void restore(Method handle, Object signal, Object previous) {
        try {
            handle.invoke(null, signal, previous);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot restore the previous handler of " + signal, e);
        }
    }
}
