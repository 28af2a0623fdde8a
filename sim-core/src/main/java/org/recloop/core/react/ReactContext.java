package org.recloop.core.react;

import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.World;

/**
 * What a user model may use: the tick, the world (including the ground truth it decides from)
 * and the run's random streams.
 *
 * @param tick current tick
 * @param world the platform and its users
 * @param streams the run's random streams; draw per user and tick
 */
public record ReactContext(int tick, World world, RandomStreams streams) {}
