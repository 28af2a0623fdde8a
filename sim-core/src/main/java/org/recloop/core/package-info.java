/**
 * RecLoop kernel: the MASON simulation state and its tick phases ({@code sim}), random streams
 * ({@code rng}), world data ({@code world}) and the service-provider interfaces that every other
 * module plugs into: {@link org.recloop.core.serve.Recommender}, {@link
 * org.recloop.core.react.UserModel}, {@link org.recloop.core.metric.Metric}, {@link
 * org.recloop.core.act.Intervention} and {@link org.recloop.core.log.EventLog}.
 *
 * <p>This module depends on no other RecLoop module.
 */
package org.recloop.core;
