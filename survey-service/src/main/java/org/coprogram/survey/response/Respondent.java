package org.coprogram.survey.response;

import org.coprogram.survey.response.ResponseEvents.Profile;

/**
 * The person answering: the ledger key (a keyed hash of survey and account, never the account), the pseudonym the
 * response carries (null in anonymous surveys: the mixer gives the response a random one) and their profile for the
 * results.
 */
record Respondent(String key, String pseudonym, Profile profile) {
}
