package org.recloop.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;

/** Spark's Kryo for RecLoop's objects: records through their canonical
 * constructors, the JDK's immutable collections by their elements. */
public final class RecLoopKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.addDefaultSerializer(Record.class, new RecordSerializer());
        ImmutableCollectionSerializers.register(kryo);
    }
}
