/** Online metrics computed at the end of each tick from the tick's slates and events. */
package org.recloop.analysis.online;
