/**
 * World data: the {@link org.recloop.core.world.Catalog} of items, the {@link
 * org.recloop.core.world.Population} of users (struct-of-arrays), the {@link
 * org.recloop.core.world.SocialGraph} and each user's {@link
 * org.recloop.core.world.ConsumptionHistory}. Arrays are primitive and flat so that a million
 * users cost tens of bytes each.
 */
package org.recloop.core.world;
