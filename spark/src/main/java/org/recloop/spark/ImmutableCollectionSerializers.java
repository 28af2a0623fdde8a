package org.recloop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kryo 4 predates {@code List.of}, {@code Set.of} and {@code Map.of}: it makes their hidden classes
 * without their element arrays. They are written as their elements and read back as unmodifiable
 * collections with the same elements in the same order.
 */
final class ImmutableCollectionSerializers {

    private ImmutableCollectionSerializers() {}

    static void register(Kryo kryo) {
        for (String name : new String[] {"java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$SubList"}) {
            add(kryo, name, new ListSerializer());
        }
        for (String name : new String[] {"java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Set12"}) {
            add(kryo, name, new SetSerializer());
        }
        for (String name : new String[] {"java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1"}) {
            add(kryo, name, new MapSerializer());
        }
    }

    private static void add(Kryo kryo, String name, Serializer<?> s) {
        try {
            kryo.register(Class.forName(name), s);
        } catch (ClassNotFoundException e) {
            // another JDK's internals: nothing to register
        }
    }

    private static void writeElements(Kryo kryo, Output out, Collection<?> c) {
        out.writeInt(c.size(), true);
        for (Object o : c) {
            kryo.writeClassAndObject(out, o);
        }
    }

    /** Reads what {@link #writeElements} wrote into {@code into}. */
    private static <C extends Collection<Object>> C readElements(Kryo kryo, Input in, C into) {
        int n = in.readInt(true);
        for (int i = 0; i < n; i++) {
            into.add(kryo.readClassAndObject(in));
        }
        return into;
    }

    private static final class ListSerializer extends Serializer<List<?>> {
        @Override
        public void write(Kryo kryo, Output out, List<?> list) {
            writeElements(kryo, out, list);
        }

        @Override
        public List<?> read(Kryo kryo, Input in, Class<List<?>> type) {
            return Collections.unmodifiableList(readElements(kryo, in, new ArrayList<>()));
        }
    }

    private static final class SetSerializer extends Serializer<Set<?>> {
        @Override
        public void write(Kryo kryo, Output out, Set<?> set) {
            writeElements(kryo, out, set);
        }

        @Override
        public Set<?> read(Kryo kryo, Input in, Class<Set<?>> type) {
            return Collections.unmodifiableSet(readElements(kryo, in, new LinkedHashSet<>()));
        }
    }

    private static final class MapSerializer extends Serializer<Map<?, ?>> {
        @Override
        public void write(Kryo kryo, Output out, Map<?, ?> map) {
            out.writeInt(map.size(), true);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                kryo.writeClassAndObject(out, e.getKey());
                kryo.writeClassAndObject(out, e.getValue());
            }
        }

        @Override
        public Map<?, ?> read(Kryo kryo, Input in, Class<Map<?, ?>> type) {
            int n = in.readInt(true);
            Map<Object, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put(kryo.readClassAndObject(in), kryo.readClassAndObject(in));
            }
            return Collections.unmodifiableMap(m);
        }
    }
}
