import type { Answer, FactName, MatchingProfile, NotRecorded, RecordedAmount } from '../../contract/options';

// The profile flattened into the variables catalogue rules read. A fact that is not recorded is
// absent from `values` and listed in `missing` with why (unknown or declined), so no rule can read
// it as a yes or a no by accident.

export interface FactTable {
  values: Partial<Record<FactName, unknown>>;
  missing: Map<FactName, NotRecorded>;
}

export function profileFacts(p: MatchingProfile): FactTable {
  const values: Partial<Record<FactName, unknown>> = {};
  const missing = new Map<FactName, NotRecorded>();
  const put = (name: FactName, v: unknown) => {
    if (v === 'unknown' || v === 'declined') missing.set(name, v);
    else values[name] = v;
  };
  const answer = (name: FactName, a: Answer) => put(name, a);
  const amount = (name: FactName, a: RecordedAmount) => put(name, a);

  put('stage', p.stage);
  put('ageAtOffence', p.ageAtOffence);
  put('ageAtReport', p.ageAtReport);
  put('gender', p.gender);
  put('isWoman', p.isWoman);
  put('isYoungAdult', p.isYoungAdult);
  put('offenceCategories', [...new Set(p.offenceCategories)].sort());
  amount('monthlyIncome', p.monthlyIncome);
  amount('monthlyOutgoings', p.monthlyOutgoings);
  if (typeof p.monthlyIncome === 'number' && typeof p.monthlyOutgoings === 'number') put('disposableIncome', p.monthlyIncome - p.monthlyOutgoings);
  else put('disposableIncome', p.monthlyIncome === 'declined' || p.monthlyOutgoings === 'declined' ? 'declined' : 'unknown');
  answer('ableToPay', p.ableToPay);
  answer('stableSafeHome', p.stableSafeHome);
  answer('noFixedAbode', p.noFixedAbode);
  answer('domesticAbuseInHousehold', p.domesticAbuseInHousehold);
  put('hasWorkingHours', Array.isArray(p.workingHours) ? (p.workingHours.length > 0 ? 'yes' : 'no') : p.workingHours);
  answer('childcareResponsibilities', p.childcareResponsibilities);
  answer('primaryCaregiver', p.primaryCaregiver);
  answer('pregnant', p.pregnant);
  answer('breastfeeding', p.breastfeeding);
  amount('dependants', p.dependants);
  if (p.risk === 'not_assessed') {
    for (const f of ['riskLevel', 'riskInstrument', 'riskDate'] as const) missing.set(f, 'unknown');
  } else {
    put('riskLevel', p.risk.result);
    put('riskInstrument', p.risk.instrument);
    put('riskDate', p.risk.date);
  }
  answer('consentCommunityService', p.consents.community_service);
  answer('consentTreatment', p.consents.treatment);
  answer('consentRestorativeJustice', p.consents.restorative_justice);
  answer('consentElectronicMonitoring', p.consents.electronic_monitoring);
  answer('fitForUnpaidWork', p.fitForUnpaidWork);
  put('literacy', p.literacy);
  answer('acknowledgesBasicFacts', p.acknowledgesBasicFacts);
  put('needs', recordedNeeds(p));
  put('victimViewsOnRestorative', p.victimViewsOnRestorative);
  return { values, missing };
}

/** The distinct recorded needs, sorted (order never changes a result). */
export function recordedNeeds(p: MatchingProfile): string[] {
  return [...new Set(p.needs.map((n) => n.need))].sort();
}
