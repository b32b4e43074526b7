import os from 'node:os';
import { readCatalogueSource } from '../main/loaders/catalogue';
import { loadJurisdiction } from '../main/loaders/dataFiles';
import { MatchingProfile, Proposal, type CatalogueOption, type OptionsFile } from '../main/contract/options';
import { checkConditions } from '../main/domain/options/conditions';
import { compileCatalogue } from '../main/domain/options/catalogue';
import { matchOptions } from '../main/domain/options/match';
import { line, ms, percentile, time } from './stats';
import { rng } from './store';

// Options figures: matching one case against 500 options (the shipped catalogue's options and
// rules, replicated with varied ranks, needs and rule sets), and condition checks per keystroke.
// Targets: matching p95 < 10 ms. Condition checks run as the officer types: < 16 ms (a frame).

function syntheticOptions(count: number, base: CatalogueOption[], rand: () => number): OptionsFile {
  const ruleIds = [...new Set(base.flatMap((o) => o.rules.filter((r): r is string => typeof r === 'string')))];
  const allNeeds = [...new Set(base.flatMap((o) => o.needs))];
  const options: CatalogueOption[] = [];
  for (let i = 0; i < count; i++) {
    const template = base[i % base.length]!;
    const rules = [...ruleIds].sort(() => rand() - 0.5).slice(0, 2 + Math.floor(rand() * 4));
    options.push({
      ...template,
      id: `bench.option_${i}`,
      // All open after conviction, so every one of them is matched (pre-trial measures are not listed then).
      group: template.group === 'pre_trial' ? 'sentencing' : template.group,
      kind: `bench_kind_${i}`,
      restrictiveness: 1 + Math.floor(rand() * 100),
      needs: allNeeds.filter(() => rand() < 0.2),
      onlyWith: undefined,
      rules,
    });
  }
  return { format: 'psr-options', formatVersion: 1, options };
}

const basePerson = {
  stage: 'convicted', ageAtOffence: 23, ageAtReport: 24, gender: 'female', isWoman: true, isYoungAdult: true, preferredLanguage: 'en',
  charges: ['Theft from a shop'], offenceCategories: ['property'], offenceSeriousness: 'medium', previousSimilarConvictions: 1, plea: 'guilty',
  monthlyIncome: 900, monthlyOutgoings: 'unknown', ableToPay: 'unknown', paymentMode: 'instalments', affordableMonthly: 20, benefitsOnly: 'no',
  stableSafeHome: 'yes', noFixedAbode: 'no', domesticAbuseInHousehold: 'unknown',
  workingHours: [{ days: ['mon', 'tue', 'wed'], start: '22:00', end: '06:00' }], childcareResponsibilities: 'yes',
  childcareTimes: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '15:00', end: '18:00' }], primaryCaregiver: 'yes', pregnant: 'no', breastfeeding: 'no', dependants: 1,
  risk: { instrument: 'WRNA', date: '2026-10-30', result: 'low' },
  consents: { community_service: 'yes', treatment: 'unknown', restorative_justice: 'yes', electronic_monitoring: 'declined' },
  fitForUnpaidWork: 'yes', literacy: 'limited', acknowledgesBasicFacts: 'yes',
  needs: [{ need: 'trauma', source: 'self_reported' }, { need: 'parenting', source: 'verified' }, { need: 'employment', source: 'assessment' }],
  victimViewsOnRestorative: 'unknown',
};

/** The person under the default jurisdiction, with every synthetic kind a measure after conviction (so all are matched). */
function benchPerson(kinds: readonly string[]): MatchingProfile {
  const options = loadJurisdiction('default').options!;
  return MatchingProfile.parse({ ...basePerson, jurisdiction: { ...options, measures: { ...options.measures, convicted: [...options.measures.convicted, ...kinds] } } });
}

export async function benchOptions(count = Number(process.env.BENCH_OPTIONS ?? 500)): Promise<string[]> {
  const out: string[] = [`Options benchmark: one case against ${count} options (${os.cpus().length} cores, Node ${process.version})`];
  const source = readCatalogueSource();
  const base = source.options.flatMap((f) => f.data.options);
  const synthetic = syntheticOptions(count, base, rng(42));
  const big = { ...source, options: [{ file: 'bench', data: synthetic }] };
  const person = benchPerson(synthetic.options.map((o) => o.kind));
  const [catalogue, compileMs] = time(() => compileCatalogue(big));
  out.push(line(`compile catalogue (${count} options)`, compileMs, ms));

  for (let i = 0; i < 50; i++) matchOptions(catalogue, [], person); // warm the JIT, as a running app would be
  const runs: number[] = [];
  let suitable = 0;
  let matched = 0;
  for (let i = 0; i < 500; i++) {
    const [result, t] = time(() => matchOptions(catalogue, [], person));
    runs.push(t);
    suitable = result.items.filter((x) => x.status !== 'not_suitable').length;
    matched = result.items.length;
  }
  out.push(line('match one case p50', percentile(runs, 50), ms));
  out.push(line('match one case p95', percentile(runs, 95), ms, 10));
  out.push(`${'  (options matched)'.padEnd(44)} ${String(matched).padStart(12)}`);
  out.push(`${'  (options open to this person)'.padEnd(44)} ${String(suitable).padStart(12)}`);

  const proposal = Proposal.parse({
    selected: [{ type: 'option', id: 'bench.option_7' }, { type: 'option', id: 'bench.option_12' }],
    rationale: 'Bench proposal.',
    alternatives: [],
    conditions: Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, text: `Avoid bad company and be at home 21:00-06:00, Monday to Friday (${i}).`, link: { need: 'trauma' } })),
    acknowledgements: [{ checkId: 'vague_term:c0:bad company', reason: 'Bench.' }],
  });
  const checks: number[] = [];
  for (let i = 0; i < 500; i++) checks.push(time(() => checkConditions(proposal, person, 'en', catalogue))[1]);
  out.push(line('condition checks, 6 conditions, p95', percentile(checks, 95), ms, 16));
  return out;
}
