import type { ProgrammeDetails } from '../../../../main/contract/options';
import type { ProgrammeRecord } from '../../../../main/contract/optionsApi';

// The programme form as the page holds it (every field as typed), and the conversions to and
// from the stored programme; a server problem's JSON path is mapped to the control it names.

export interface FormState {
  name: string;
  provider: string;
  kind: string;
  needs: string[];
  minAge: string;
  maxAge: string;
  genderSpecific: '' | 'women' | 'men';
  youngAdultOnly: boolean;
  excludedOffences: string[];
  consentRequired: string[];
  riskLevels: string[];
  location: string;
  places: string;
  waitingWeeks: string;
  costAmount: string;
  costPeriod: 'once' | 'weekly' | 'monthly';
  contactName: string;
  phone: string;
  email: string;
  address: string;
  languages: string;
}

export const blank: FormState = {
  name: '', provider: '', kind: '', needs: [], minAge: '', maxAge: '', genderSpecific: '', youngAdultOnly: false, excludedOffences: [], consentRequired: [], riskLevels: [],
  location: '', places: '', waitingWeeks: '', costAmount: '', costPeriod: 'once', contactName: '', phone: '', email: '', address: '', languages: 'en',
};

export function toForm(p: ProgrammeRecord): FormState {
  const e = p.eligibility;
  return {
    name: p.name, provider: p.provider, kind: p.kind, needs: [...p.needs], minAge: e.minAge?.toString() ?? '', maxAge: e.maxAge?.toString() ?? '', genderSpecific: e.genderSpecific ?? '',
    youngAdultOnly: e.youngAdultOnly, excludedOffences: [...e.excludedOffences], consentRequired: [...e.consentRequired], riskLevels: [...e.riskLevels], location: p.location,
    places: p.capacity.places?.toString() ?? '', waitingWeeks: p.capacity.waitingWeeks?.toString() ?? '', costAmount: p.cost?.amount.toString() ?? '', costPeriod: p.cost?.period ?? 'once',
    contactName: p.contact.name ?? '', phone: p.contact.phone ?? '', email: p.contact.email ?? '', address: p.contact.address ?? '', languages: p.languages.join(', '),
  };
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function toDetails(f: FormState, retired: boolean): ProgrammeDetails {
  return {
    name: f.name.trim(),
    provider: f.provider.trim(),
    kind: f.kind,
    needs: f.needs as ProgrammeDetails['needs'],
    eligibility: strip({
      minAge: num(f.minAge),
      maxAge: num(f.maxAge),
      genderSpecific: f.genderSpecific || undefined,
      youngAdultOnly: f.youngAdultOnly,
      excludedOffences: f.excludedOffences as ProgrammeDetails['eligibility']['excludedOffences'],
      consentRequired: f.consentRequired as ProgrammeDetails['eligibility']['consentRequired'],
      riskLevels: f.riskLevels as ProgrammeDetails['eligibility']['riskLevels'],
    }),
    location: f.location.trim(),
    capacity: strip({ places: num(f.places), waitingWeeks: num(f.waitingWeeks) }),
    ...(num(f.costAmount) !== undefined ? { cost: { amount: num(f.costAmount)!, period: f.costPeriod } } : {}),
    contact: strip({ name: opt(f.contactName), phone: opt(f.phone), email: opt(f.email), address: opt(f.address) }),
    languages: f.languages.split(',').map((l) => l.trim()).filter(Boolean),
    retired,
  };
}

/** $.details.eligibility.minAge -> the id of the control that edits it. */
export function targetOf(path: string): string {
  const rest = path.replace(/^\$\.(details|programmes\[\d+\])\.?/, '');
  const map: Record<string, string> = {
    'eligibility.minAge': 'minAge', 'eligibility.maxAge': 'maxAge', 'capacity.places': 'places', 'capacity.waitingWeeks': 'waitingWeeks', 'cost.amount': 'costAmount',
    'contact.name': 'contactName', 'contact.phone': 'phone', 'contact.email': 'email', 'contact.address': 'address',
  };
  const key = map[rest] ?? rest.split('.')[0]!.replace(/\[\d+\]$/, '');
  return `prog-${key || 'name'}`;
}
