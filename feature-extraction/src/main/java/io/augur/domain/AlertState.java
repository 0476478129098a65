package io.augur.domain;

/** Alertmanager's two states for an alert Augur sends. */
public enum AlertState {
  FIRING,
  RESOLVED
}
