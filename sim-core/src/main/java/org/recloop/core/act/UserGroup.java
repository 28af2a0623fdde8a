package org.recloop.core.act;

/**
 * A group of users answered by one user model: group 0 is the users that existed at the start,
 * and each block of accounts {@link ActContext#addUsers added} during the run is the next group.
 *
 * @param index the group's number, in the order groups were made
 * @param from first user id of the group
 * @param to one past the last user id
 */
public record UserGroup(int index, int from, int to) {
    public UserGroup {
        if (index < 0 || from < 0 || to < from) {
            throw new IllegalArgumentException("bad user group " + index + " [" + from + ", " + to + ")");
        }
    }

    public int size() {
        return to - from;
    }
}
