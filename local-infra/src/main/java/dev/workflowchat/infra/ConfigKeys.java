package dev.workflowchat.infra;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every key of a service's {@code @ConfigMapping} interface, as the environment variable an
 * operator sets and with its default, found by walking the interface. Tests compare it with what
 * the documentation and the deployment files name, so neither can drift from the code.
 * (SmallRye's annotations are read by name: this library does not depend on them.)
 */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /** Environment variable name → default (null when the key has none). */
    public static Map<String, String> of(Class<?> mapping) {
        String prefix = String.valueOf(annotationValue(mapping, "io.smallrye.config.ConfigMapping", "prefix"));
        Map<String, String> keys = new TreeMap<>();
        walk(mapping, prefix, keys);
        return keys;
    }

    /** {@code wfchat.redis.out-stream-max-length} → {@code WFCHAT_REDIS_OUT_STREAM_MAX_LENGTH}. */
    public static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static void walk(Class<?> group, String prefix, Map<String, String> keys) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            Object named = annotationValue(method, "io.smallrye.config.WithName", "value");
            String name = prefix + "." + (named != null ? named : kebab(method.getName()));
            Class<?> type = leafType(method.getGenericReturnType());
            if (type.isInterface() && type.getName().startsWith("dev.workflowchat")) {
                walk(type, name, keys);
            } else {
                Object fallback = annotationValue(method, "io.smallrye.config.WithDefault", "value");
                keys.put(environmentName(name), fallback == null ? null : fallback.toString());
            }
        }
    }

    /** The type a key holds: {@code Optional<X>} counts as X. */
    private static Class<?> leafType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == java.util.Optional.class) {
            Type inner = parameterized.getActualTypeArguments()[0];
            return inner instanceof Class<?> cls ? cls : Object.class;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof Class<?> cls ? cls : Object.class;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Object annotationValue(java.lang.reflect.AnnotatedElement element, String annotation, String attribute) {
        for (Annotation present : element.getAnnotations()) {
            if (present.annotationType().getName().equals(annotation)) {
                try {
                    return present.annotationType().getMethod(attribute).invoke(present);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + annotation + "." + attribute, e);
                }
            }
        }
        return null;
    }
}
