// The one set of size limits. Each question's own limit is in the form data (`maxGraphemes`, up to
// the caps below); every other cap is here and nowhere else. The case file, interview.save,
// proposal.save and the report model all read these, and the report's caps are derived from what
// its text is built of, so whatever is accepted at a door can always be exported.

/** Labels, help and option labels in a data file (forms, templates). */
export const FORM_TEXT_MAX = 2_000;
/** A field id of a form, and an answer's key in an interview. */
export const ANSWER_ID_MAX = 200;

/** The highest limit a form may give a one-line question, in characters as the officer sees them. */
export const SHORT_ANSWER_MAX_GRAPHEMES = 500;
/** The highest limit a form may give a long question, in characters as the officer sees them. */
export const LONG_ANSWER_MAX_GRAPHEMES = 20_000;
/**
 * One stored text answer in UTF-16 units: room for the longest question's limit in any script
 * (a character can take several units). The question's own limit is checked separately.
 */
export const ANSWER_TEXT_MAX = 100_000;
export const CHOICE_ID_MAX = 200;
/** Options of one choice question, and choices ticked in one answer. */
export const CHOICES_MAX = 100;
export const GROUP_ROWS_MAX = 200;
export const GROUP_FIELDS_MAX = 50;
/** Who verified an item or who the third party is. */
export const SOURCE_BY_MAX = 200;
/** How an item was verified. */
export const SOURCE_HOW_MAX = 500;

export const PROPOSAL_OPTIONS_MAX = 20;
export const RATIONALE_MAX = 10_000;
export const CONDITIONS_MAX = 50;
export const CONDITION_TEXT_MAX = 2_000;
/** The assessed risk a condition manages, in words. */
export const CONDITION_RISK_MAX = 300;
export const ALTERNATIVES_MAX = 50;
export const ALTERNATIVE_DESCRIPTION_MAX = 300;
export const REASON_SET_ASIDE_MAX = 2_000;
export const ACKNOWLEDGEMENT_REASON_MAX = 1_000;
/** A programme's name (a catalogue option's name is shorter). */
export const OPTION_NAME_MAX = 200;

// The report model's caps, from the parts each text is built of (domain/report/context.ts).

/** One answer as a court reads it: a text answer, ticked choices' labels, or a group row's "label: value" lines. */
export const REPORT_ANSWER_MAX = Math.max(ANSWER_TEXT_MAX, CHOICES_MAX * (FORM_TEXT_MAX + 2), GROUP_FIELDS_MAX * (FORM_TEXT_MAX + 2 + ANSWER_TEXT_MAX + 1));
/** A question's label, or a row's "<item> <n>: <question>". */
export const REPORT_LABEL_MAX = 2 * FORM_TEXT_MAX + 16;
/** An answer item's id: a question id, or "<group>.<row>.<sub-question>". */
export const REPORT_ITEM_ID_MAX = 2 * ANSWER_ID_MAX + 8;
/** A text answer with a choice label beside it ("Housing office (Official record)"). */
export const REPORT_ANSWER_WITH_LABEL_MAX = ANSWER_TEXT_MAX + FORM_TEXT_MAX + 3;
/** What a condition is linked to: the need's name and the risk in words. */
export const REPORT_CONDITION_LINK_MAX = CONDITION_RISK_MAX + 100;
/** The alternatives set aside, one paragraph each: "<name>: <reason>". */
export const REPORT_ALTERNATIVES_MAX = ALTERNATIVES_MAX * (Math.max(OPTION_NAME_MAX, ALTERNATIVE_DESCRIPTION_MAX) + 2 + REASON_SET_ASIDE_MAX + 2);

// The officer's own text for the report (contract/reportText.ts).

/** One section of the report in the officer's words. */
export const REPORT_SECTION_TEXT_MAX = 20_000;
/** Sections one report template may ask the officer to write. */
export const REPORT_SECTIONS_MAX = 100;
/** Acknowledged analysis checks kept with one report's text. */
export const REPORT_ACKNOWLEDGEMENTS_MAX = 500;
