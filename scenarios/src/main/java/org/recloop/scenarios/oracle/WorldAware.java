package org.recloop.scenarios.oracle;

import org.recloop.core.world.World;

/** A component that needs the world's ground truth; the runner binds it before the first tick. */
public interface WorldAware {
    void bind(World world);
}
