package org.recloop.spark;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Objects to bytes and back with Spark's Kryo (and RecLoop's registrator). What crosses between
 * the driver and the executors is made bytes explicitly, at a known moment: the driver goes on
 * changing its objects (a refit, the model's afterTick), and in local mode an object handed to
 * Spark would otherwise be shared with the executors instead of copied.
 */
final class KryoBytes {

    private static final ClassTag<Object> ANY = ClassTag$.MODULE$.AnyRef();

    private KryoBytes() {}

    /** The settings every RecLoop Spark context uses for Kryo. */
    static SparkConf configure(SparkConf conf) {
        return conf.set("spark.serializer", KryoSerializer.class.getName())
                .set("spark.kryo.registrator", RecLoopKryoRegistrator.class.getName())
                .set("spark.kryoserializer.buffer.max", "2047m");
    }

    private static SerializerInstance serializer() {
        SparkEnv env = SparkEnv.get();
        if (env != null && env.serializer() instanceof KryoSerializer k) {
            return k.newInstance();
        }
        return new KryoSerializer(configure(new SparkConf(false))).newInstance();
    }

    static byte[] write(Object o) {
        ByteBuffer b = serializer().serialize(o, ANY);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    @SuppressWarnings("unchecked")
    static <T> T read(byte[] bytes) {
        return (T) serializer().deserialize(ByteBuffer.wrap(bytes), ANY);
    }
}
