package org.coprogram.synthesis.monitoring;

/** Whether the indicator improves by going up (e.g. coverage) or down (e.g. waiting times). */
public enum Direction {
    INCREASE, DECREASE
}
