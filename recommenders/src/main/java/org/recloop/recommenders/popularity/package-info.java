/**
 * Non-personalised popularity with a notion of time: exponentially time-decayed click counts
 * and the Reddit/OASIS-style "hot" score that trades engagement against item age.
 */
package org.recloop.recommenders.popularity;
