package dev.livetalk.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The extension behind {@link LiveTalk}: resolves {@link LiveTalkRunner} parameters, one
 * runner per test invocation (or per lifecycle method), whose runs go into
 * {@code <output>/<test class>/<test method>/}; {@code <output>} is the system property
 * {@value #OUTPUT_PROPERTY}, else {@code target/livetalk} of the working directory (the module's
 * folder under Maven). A Toxiproxy server, when a run asks for one, is launched once for the JVM
 * and kept in the root context's store, which closes it (stopping what it started) when the
 * test plan has run.
 *
 * <p>Stateless: one instance may serve tests on any number of threads.
 */
public final class LiveTalkExtension implements ParameterResolver {
    /** The system property naming the output folder instead of {@code target/livetalk}. */
    public static final String OUTPUT_PROPERTY = "livetalk.junit.output";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LiveTalkExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LiveTalkRunner.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String testClass = context.getTestClass().map(Class::getName).orElse("tests");
        String testMethod = context.getTestMethod().map(Method::getName).orElse("class");
        Path folder = outputRoot().resolve(testClass).resolve(testMethod);
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        return new LiveTalkRunner(folder, () -> root.getOrComputeIfAbsent(SharedToxiproxy.class,
                type -> SharedToxiproxy.launch(), SharedToxiproxy.class));
    }

    private static Path outputRoot() {
        String named = System.getProperty(OUTPUT_PROPERTY);
        return named == null || named.isBlank() ? Path.of("target", "livetalk") : Path.of(named.strip());
    }
}
