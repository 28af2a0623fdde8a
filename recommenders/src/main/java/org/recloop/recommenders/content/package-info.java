/** Content-based filtering on the item features the platform knows (the catalog). */
package org.recloop.recommenders.content;
