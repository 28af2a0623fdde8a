/**
 * Adversarial accounts: fake users that poison a click-trained recommender through what the log
 * records (clicks, consumption, likes, ratings, shares, follows), with the classic shilling
 * strategies adapted to implicit feedback. The accounts are marked fake in the world's ground
 * truth only; recommenders never see the mark.
 */
package org.recloop.agents.attack;
