#!/bin/bash
# alternate spark and local runs of the 10M world, 3 pairs
cd "$(dirname "$0")/../.."
for i in 1 2 3; do
  rm -rf /tmp/b10m-s$i /tmp/b10m-l$i
  /usr/bin/time -v java -Xmx16g -jar spark/target/recloop-spark.jar run spark/bench/users-10m.yaml --engine spark --master 'local[2]' --no-progress --out /tmp/b10m-s$i > /tmp/b10m-s$i.log 2>&1
  /usr/bin/time -v java -Xmx16g -jar scenarios/target/recloop.jar run spark/bench/users-10m.yaml --threads 2 --no-progress --out /tmp/b10m-l$i > /tmp/b10m-l$i.log 2>&1
done

