package org.recloop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Kryo 4 (Spark's) sets fields by reflection, which Java refuses for a record's final fields: a
 * record is written as its components (through the accessors) and read through its canonical
 * constructor, the way Java serialization treats records.
 */
final class RecordSerializer extends Serializer<Record> {

    @Override
    public void write(Kryo kryo, Output output, Record record) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                c.getAccessor().setAccessible(true);
                kryo.writeClassAndObject(output, c.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read record component " + c.getName() + " of "
                        + record.getClass().getName(), e);
            }
        }
    }

    @Override
    public Record read(Kryo kryo, Input input, Class<Record> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = kryo.readClassAndObject(input);
            types[i] = components[i].getType();
        }
        try {
            Constructor<Record> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make record " + type.getName(), e);
        }
    }
}
