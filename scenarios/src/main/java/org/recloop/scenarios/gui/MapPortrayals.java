package org.recloop.scenarios.gui;

import java.awt.Color;
import java.awt.Graphics2D;
import sim.display.GUIState;
import sim.portrayal.DrawInfo2D;
import sim.portrayal.Inspector;
import sim.portrayal.LocationWrapper;
import sim.portrayal.continuous.ContinuousPortrayal2D;
import sim.portrayal.network.NetworkPortrayal2D;
import sim.portrayal.network.SimpleEdgePortrayal2D;
import sim.portrayal.network.SpatialNetwork2D;
import sim.portrayal.simple.OvalPortrayal2D;
import sim.portrayal.simple.RectanglePortrayal2D;

/**
 * How the {@link PreferenceMap}'s fields are drawn: users as dots coloured by archetype (an
 * attack's fake accounts red, churned and forgotten users grey), items as squares whose side
 * grows with the square root of their exposure (so exposure share reads as area), follow edges
 * as thin lines.
 */
final class MapPortrayals {

    /** Archetype colours (Okabe-Ito, distinguishable for colour-blind readers), by archetype index. */
    private static final Color[] ARCHETYPES = {new Color(0, 114, 178), new Color(230, 159, 0),
        new Color(0, 158, 115), new Color(204, 121, 167), new Color(86, 180, 233), new Color(240, 228, 66)};
    private static final Color FAKE = new Color(213, 50, 30);
    private static final Color INACTIVE = new Color(170, 170, 170);
    private static final Color ITEM = new Color(60, 60, 60, 150);

    final ContinuousPortrayal2D users = new ContinuousPortrayal2D();
    final ContinuousPortrayal2D items = new ContinuousPortrayal2D();
    final ContinuousPortrayal2D graphNodes = new ContinuousPortrayal2D();
    final NetworkPortrayal2D graphEdges = new NetworkPortrayal2D();

    MapPortrayals() {
        users.setPortrayalForClass(UserNode.class, new UserDot(0.9));
        graphNodes.setPortrayalForClass(UserNode.class, new UserDot(1.2));
        SimpleEdgePortrayal2D edge = new SimpleEdgePortrayal2D(new Color(120, 120, 120, 90), null);
        edge.shape = SimpleEdgePortrayal2D.SHAPE_THIN_LINE;
        graphEdges.setPortrayalForAll(edge);
    }

    /** Points the portrayals at {@code map}'s fields; items are sized relative to its largest exposure. */
    void attach(PreferenceMap map) {
        users.setField(map.users);
        items.setField(map.items);
        items.setPortrayalForClass(ItemNode.class, new ItemSquare(map));
        graphNodes.setField(map.graphSpace);
        graphEdges.setField(new SpatialNetwork2D(map.graphSpace, map.follows));
    }

    static Color colour(UserNode u) {
        if (u.isFake()) {
            return FAKE;
        }
        if (!"active".equals(u.getStatus())) {
            return INACTIVE;
        }
        return ARCHETYPES[Math.floorMod(u.getArchetype(), ARCHETYPES.length)];
    }

    /** A user: a dot in its archetype's colour. Drawn on Swing's thread only. */
    private static final class UserDot extends OvalPortrayal2D {
        private static final long serialVersionUID = 1L;

        UserDot(double scale) {
            super(ARCHETYPES[0], scale, true);
        }

        @Override
        public void draw(Object object, Graphics2D graphics, DrawInfo2D info) {
            paint = colour((UserNode) object);
            super.draw(object, graphics, info);
        }

        /** MASON's property list plus the user's recent slates, events and memory written out. */
        @Override
        public Inspector getInspector(LocationWrapper wrapper, GUIState state) {
            Inspector properties = super.getInspector(wrapper, state);
            return wrapper.getObject() instanceof UserNode u ? new UserInspector(u, properties) : properties;
        }
    }

    /** An item: a square whose area grows with its share of the largest exposure. */
    private static final class ItemSquare extends RectanglePortrayal2D {
        private static final long serialVersionUID = 1L;
        private final transient PreferenceMap map;

        ItemSquare(PreferenceMap map) {
            super(ITEM, 0.6, true);
            this.map = map;
        }

        @Override
        public void draw(Object object, Graphics2D graphics, DrawInfo2D info) {
            ItemNode item = (ItemNode) object;
            scale = 0.5 + 3.5 * Math.sqrt(item.exposures / (double) map.maxExposure());
            super.draw(object, graphics, info);
        }
    }
}
