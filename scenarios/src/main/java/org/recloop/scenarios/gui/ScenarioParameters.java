package org.recloop.scenarios.gui;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.study.Sweep;
import sim.util.Interval;

/**
 * The scenario's main parameters as bean properties, which MASON's model inspector (the
 * Console's "Model" tab) shows and edits with no GUI code of its own. An edit applies at the next
 * press of play: it is written into the scenario text at its path, the way {@code recloop sweep}
 * sets an axis, and the text is validated again, so a bad value gets the loader's usual error.
 * The seed is the Console's own field.
 *
 * <p>A property the scenario does not have (a population read from a file has no {@code users})
 * is hidden. Display settings ({@code MaxUsersDrawn}, {@code RefreshEvery}) are not part of the
 * scenario and never change the run.
 */
public final class ScenarioParameters {

    private final Path file;
    private final ResolvedScenario original;
    private int ticks;
    private int slateSize;
    private int users;
    private int items;
    private int retrainEvery;
    private int maxUsersDrawn;
    private int refreshEvery;

    ScenarioParameters(Path file, ResolvedScenario rs, int maxUsersDrawn, int refreshEvery) {
        this.file = file;
        this.original = rs;
        this.ticks = rs.scenario().ticks();
        this.slateSize = rs.scenario().slateSize();
        this.users = intAt("/world/population/users");
        this.items = intAt("/world/catalog/items");
        this.retrainEvery = rs.scenario().learn().retrainEvery();
        this.maxUsersDrawn = maxUsersDrawn;
        this.refreshEvery = refreshEvery;
    }

    private int intAt(String pointer) {
        JsonNode n = original.resolved().at(pointer);
        return n.canConvertToInt() && n.isNumber() ? n.asInt() : -1;
    }

    /** The scenario with the edited values; the original object when nothing was edited. */
    ResolvedScenario resolve() {
        List<Sweep.Axis> edits = new ArrayList<>();
        edit(edits, "ticks", ticks, original.scenario().ticks());
        edit(edits, "slateSize", slateSize, original.scenario().slateSize());
        edit(edits, "world.population.users", users, intAt("/world/population/users"));
        edit(edits, "world.catalog.items", items, intAt("/world/catalog/items"));
        edit(edits, "learn.retrainEvery", retrainEvery, original.scenario().learn().retrainEvery());
        if (edits.isEmpty()) {
            return original;
        }
        return new Sweep().plan(file, original.text(), edits, List.of(0L)).get(0).scenario();
    }

    private static void edit(List<Sweep.Axis> edits, String path, int value, int was) {
        if (value != was) {
            edits.add(new Sweep.Axis(path, List.of(Integer.toString(value))));
        }
    }

    public String getScenario() {
        return original.scenario().name();
    }

    public int getTicks() {
        return ticks;
    }

    public void setTicks(int v) {
        ticks = v;
    }

    public Object domTicks() {
        return new Interval(1, 100_000);
    }

    public int getSlateSize() {
        return slateSize;
    }

    public void setSlateSize(int v) {
        slateSize = v;
    }

    public int getUsers() {
        return users;
    }

    public void setUsers(int v) {
        users = v;
    }

    public boolean hideUsers() {
        return intAt("/world/population/users") < 0;
    }

    public int getItems() {
        return items;
    }

    public void setItems(int v) {
        items = v;
    }

    public boolean hideItems() {
        return intAt("/world/catalog/items") < 0;
    }

    /** Ticks between full refits of the recommender from the log (0: never). */
    public int getRetrainEvery() {
        return retrainEvery;
    }

    public void setRetrainEvery(int v) {
        retrainEvery = v;
    }

    /** Users (and items) the map draws at most: a seeded sample of them. */
    public int getMaxUsersDrawn() {
        return maxUsersDrawn;
    }

    public void setMaxUsersDrawn(int v) {
        maxUsersDrawn = Math.max(1, v);
    }

    /** Ticks between refreshes of the map (the projection follows drifting preferences). */
    public int getRefreshEvery() {
        return refreshEvery;
    }

    public void setRefreshEvery(int v) {
        refreshEvery = Math.max(1, v);
    }
}
