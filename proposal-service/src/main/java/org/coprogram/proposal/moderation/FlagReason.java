package org.coprogram.proposal.moderation;

public enum FlagReason {
    SPAM, OFFENSIVE, PERSONAL_DATA, OFF_TOPIC, OTHER
}
