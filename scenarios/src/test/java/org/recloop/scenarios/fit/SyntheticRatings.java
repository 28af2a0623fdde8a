package org.recloop.scenarios.fit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.recloop.core.serve.Interactions;

/** Small interaction files made for the fit's tests (real files on disk, MovieLens CSV). */
final class SyntheticRatings {

    private SyntheticRatings() {}

    /**
     * {@code users} users and {@code items} items in 4 taste groups; every user rates {@code
     * perUser} distinct items, 80% of them from their group (rating 4 or 5), the rest elsewhere
     * (rating 1 to 3), lower item ids of a group more often (a popularity head).
     */
    static Path groups(Path file, int users, int items, int perUser, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        int groupSize = items / 4;
        for (int u = 0; u < users; u++) {
            int g = u % 4;
            boolean[] seen = new boolean[items];
            int n = 0;
            while (n < perUser) {
                boolean own = rng.nextDouble() < 0.8;
                int group = own ? g : rng.nextInt(4);
                int offset = (int) (groupSize * Math.pow(rng.nextDouble(), 2)); // a head of low ids
                int item = group * groupSize + Math.min(groupSize - 1, offset);
                if (seen[item]) {
                    continue;
                }
                seen[item] = true;
                int rating = group == g ? 4 + rng.nextInt(2) : 1 + rng.nextInt(3);
                sb.append(u + 1).append(',').append(item + 1).append(',').append(rating).append(',').append(n)
                        .append('\n');
                n++;
            }
        }
        Files.writeString(file, sb.toString());
        return file;
    }

    /**
     * A simulated log as a MovieLens CSV: every click a rating of 5, the tick as timestamp, users
     * and items by their raw ids in {@code world}.
     */
    static Path export(Interactions log, org.recloop.core.world.io.RatingsFile world, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int r = 0; r < log.size(); r++) {
            sb.append(world.rawUserIds()[log.users()[r]]).append(',').append(world.rawItemIds()[log.items()[r]])
                    .append(",5,")
                    .append(log.ticks()[r]).append('\n');
        }
        Files.writeString(file, sb.toString());
        return file;
    }
}
