import { preTrial, womanWithTwoDependants, youngAdult, type InterviewCase } from '../../fixtures/interviews';
import {
  fullTimeWorkerDrinkDrive,
  olderManAlcoholNoHome,
  pregnantWomanNoChildren,
  preTrialNotGuilty,
  preTrialOnBenefitsOnly,
  shopTheft,
  thirdDrinkDriveHighHarm,
  youngAdultRobbery,
} from '../../fixtures/people';

// The options an experienced officer would expect for eleven people, read from their interviews
// as recorded, under the default jurisdiction and the shipped catalogue. Each line says: this
// option, this status, and the rule (named after the fact it reads) that decides it. For
// "suitable" the rule is one that is met; "not listed" means the measure does not exist at the
// case's stage, so it is not shown at all (a caution after conviction, a fine before trial).
//
// Statuses: S = suitable, C = suitable with concerns, N = not suitable, - = not listed.

export type Expect = 'S' | 'C' | 'N' | '-';
export type Row = [option: string, status: Expect, decidedBy: string];

export const table: Array<{ who: string; person: () => InterviewCase; rows: Row[] }> = [
  {
    who: 'a woman of 36 with two young children, on benefits, unable to pay, convicted of shop theft',
    person: womanWithTwoDependants,
    rows: [
      ['sentencing.fine', 'N', 'pay.affordable'],
      ['sentencing.day_fine', 'N', 'pay.day_fine_unit'],
      ['sentencing.compensation', 'N', 'pay.affordable'],
      ['diversion.referral_womens_centre', 'S', 'gender.women'],
      ['sentencing.status_penalty', 'N', 'offence.driving'],
      ['diversion.caution', '-', 'stage'],
      ['sentencing.community_service', 'C', 'time.childcare'],
    ],
  },
  {
    who: 'a man of 20 convicted of criminal damage, led by older friends',
    person: youngAdult,
    rows: [
      ['diversion.referral_mentoring', 'S', 'need.addressed'],
      ['sentencing.attendance_centre', 'C', 'time.work'],
      ['diversion.conditional_dismissal', '-', 'stage'],
      ['sentencing.status_penalty', 'N', 'offence.driving'],
    ],
  },
  {
    who: 'a woman before trial, pleading not guilty to possession of a drug',
    person: preTrial,
    rows: [
      ['pre_trial.release_on_undertaking', 'S', 'risk.not_high'],
      ['pre_trial.bail_without_surety', 'S', 'home.fixed_abode'],
      ['diversion.caution', 'N', 'plea.admits'],
      ['sentencing.fine', '-', 'stage'],
      ['sentencing.probation', '-', 'stage'],
    ],
  },
  {
    who: 'a young adult of 19 convicted of robbery with two co-defendants',
    person: youngAdultRobbery,
    rows: [
      ['diversion.caution', '-', 'stage'],
      ['sentencing.verbal_sanction', 'N', 'offence.not_serious'],
      ['sentencing.conditional_discharge', 'N', 'offence.not_serious'],
      ['sentencing.absolute_discharge', 'N', 'offence.not_serious'],
      ['diversion.referral_mentoring', 'S', 'need.addressed'],
      ['sentencing.attendance_centre', 'S', 'age.young_adult'],
      ['diversion.deferred_sentence_conditions', 'C', 'offence.serious_concern'],
      ['sentencing.fine', 'S', 'pay.affordable'],
      ['support.employment', 'S', 'need.support_relevant'],
    ],
  },
  {
    who: 'a man of 61 who drinks daily and sleeps rough, convicted of shop theft',
    person: olderManAlcoholNoHome,
    rows: [
      ['support.housing', 'S', 'home.no_fixed_abode_need'],
      ['sentencing.curfew', 'N', 'home.stable_safe'],
      ['sentencing.house_arrest', 'N', 'home.stable_safe'],
      ['sentencing.treatment_alcohol', 'S', 'need.alcohol'],
      ['sentencing.treatment_mental_health', 'C', 'need.mental_health'],
      ['sentencing.community_service', 'N', 'fitness.unpaid_work'],
      ['sentencing.fine', 'N', 'pay.affordable'],
    ],
  },
  {
    who: 'a man before trial, pleading not guilty to assault, in full-time work',
    person: preTrialNotGuilty,
    rows: [
      ['diversion.caution', 'N', 'plea.admits'],
      ['diversion.conditional_dismissal', 'N', 'plea.admits'],
      ['diversion.referral_restorative_justice', 'N', 'plea.admits'],
      ['pre_trial.bail_without_surety', 'S', 'risk.not_high'],
      ['pre_trial.reporting', 'C', 'time.work'],
      ['sentencing.community_service', '-', 'stage'],
      ['sentencing.fine', '-', 'stage'],
    ],
  },
  {
    who: 'a pregnant woman of 27 with no children, convicted of a benefit fraud',
    person: pregnantWomanNoChildren,
    rows: [
      ['sentencing.community_service', 'C', 'health.pregnancy'],
      ['sentencing.fine', 'S', 'pay.affordable'],
      ['sentencing.day_fine', 'S', 'pay.day_fine_unit'],
      ['diversion.referral_womens_centre', 'C', 'need.addressed'],
      ['sentencing.absolute_discharge', 'S', 'offence.not_serious'],
    ],
  },
  {
    who: 'a woman before trial whose only income is benefits',
    person: preTrialOnBenefitsOnly,
    rows: [
      ['pre_trial.bail_with_surety', 'N', 'pay.not_benefits_only'],
      ['pre_trial.bail_without_surety', 'S', 'risk.not_high'],
      ['pre_trial.reporting', 'C', 'literacy.written'],
      ['sentencing.fine', '-', 'stage'],
    ],
  },
  {
    who: 'a man of 41 in full-time work, convicted of a first drink-drive',
    person: fullTimeWorkerDrinkDrive,
    rows: [
      ['sentencing.status_penalty', 'S', 'offence.driving'],
      ['sentencing.fine', 'S', 'pay.affordable'],
      ['sentencing.community_service', 'C', 'time.work'],
      ['sentencing.curfew', 'C', 'time.work'],
      ['sentencing.absolute_discharge', 'S', 'offence.not_repeated'],
    ],
  },
  {
    who: 'a man of 47 convicted of a third drink-drive that injured a cyclist',
    person: thirdDrinkDriveHighHarm,
    rows: [
      ['sentencing.absolute_discharge', 'N', 'offence.not_repeated'],
      ['sentencing.conditional_discharge', 'N', 'offence.not_serious'],
      ['sentencing.status_penalty', 'S', 'offence.driving'],
      ['sentencing.treatment_alcohol', 'S', 'consent.treatment'],
      ['sentencing.fine', 'S', 'pay.affordable'],
    ],
  },
  {
    who: 'a man of 33 convicted of shop theft, living with an abusive partner',
    person: shopTheft,
    rows: [
      ['sentencing.status_penalty', 'N', 'offence.driving'],
      ['sentencing.curfew', 'N', 'home.domestic_abuse'],
      ['sentencing.house_arrest', 'N', 'home.domestic_abuse'],
      ['sentencing.fine', 'S', 'pay.affordable'],
      ['support.employment', 'S', 'need.support_relevant'],
    ],
  },
];

export const STATUS = { S: 'suitable', C: 'suitable_with_concerns', N: 'not_suitable' } as const;
