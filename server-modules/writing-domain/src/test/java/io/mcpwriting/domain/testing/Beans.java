package io.mcpwriting.domain.testing;

import io.mcpwriting.mcp.db.Db;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The domain's CDI beans made without a container: each class once, its {@code @Inject} fields set by type (the
 * {@link Db} given, another bean, or a MicroProfile Config value from a map, defaults as the annotation says), then
 * its {@code @PostConstruct} method run. Only what the domain classes use: field injection of concrete classes.
 */
public final class Beans {

    private final Db db;
    private final Map<String, String> config;
    private final Map<Class<?>, Object> made = new HashMap<>();

    public Beans(Db db, Map<String, String> config) {
        this.db = db;
        this.config = config;
    }

    /** The one instance of {@code type}, made (with what it injects) on first use. */
    public synchronized <T> T get(Class<T> type) {
        Object bean = made.get(type);
        if (bean == null) {
            bean = make(type);
        }
        return type.cast(bean);
    }

    private Object make(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalStateException("cannot make a bean of " + type.getName() + " without a container");
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object bean = constructor.newInstance();
            made.put(type, bean);
            for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(Inject.class)) {
                        field.setAccessible(true);
                        field.set(bean, injected(field));
                    }
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(PostConstruct.class)) {
                    method.setAccessible(true);
                    method.invoke(bean);
                }
            }
            return bean;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + type.getName(), e);
        }
    }

    private Object injected(Field field) {
        ConfigProperty property = field.getAnnotation(ConfigProperty.class);
        if (property != null) {
            return configValue(field, property);
        }
        if (field.getType() == Db.class) {
            return db;
        }
        if (field.getType() == Config.class) {
            return config();
        }
        return get(field.getType());
    }

    private Object configValue(Field field, ConfigProperty property) {
        String value = config.get(property.name());
        if (value == null && !property.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE)) {
            value = property.defaultValue();
        }
        Class<?> type = field.getType();
        if (type == Optional.class) {
            Class<?> item = (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
            return Optional.ofNullable(value == null ? null : convert(value, item));
        }
        if (value == null) {
            throw new IllegalStateException("no value for config property " + property.name());
        }
        return convert(value, type);
    }

    private static Object convert(String value, Class<?> type) {
        if (type == String.class) {
            return value;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(value);
        }
        if (type == long.class || type == Long.class) {
            return Long.valueOf(value);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.valueOf(value);
        }
        throw new IllegalStateException("no conversion of config values to " + type.getName());
    }

    /** MicroProfile Config over the map: the optional-value look-ups the domain's classes make. */
    private Config config() {
        return (Config) Proxy.newProxyInstance(Beans.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getOptionalValue" -> Optional.ofNullable(config.get((String) args[0]))
                            .map(v -> convert(v, (Class<?>) args[1]));
                    case "getValue" -> Optional.ofNullable(config.get((String) args[0]))
                            .map(v -> convert(v, (Class<?>) args[1]))
                            .orElseThrow(() -> new NoSuchElementException((String) args[0]));
                    case "getPropertyNames" -> config.keySet();
                    default -> throw new UnsupportedOperationException("Config." + method.getName());
                });
    }
}
