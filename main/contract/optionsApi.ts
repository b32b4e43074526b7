import { z } from 'zod';
import { entry } from './entry';
import {
  ConditionLanguageFile,
  ConditionReport,
  MatchingProfile,
  MatchResult,
  OptionSettings,
  OptionsFile,
  Programme,
  ProgrammeDetails,
  Proposal,
  RulesFile,
} from './options';
import { JurisdictionOptions } from './jurisdiction';
import { entityId, entityVersion } from './text';
import { saveId } from './storeApi';

// The options calls: local programmes, the catalogue as data for the renderer, matching
// for a case, and the case's proposal with its condition checks. Spread into `contract` in api.ts.


const timestamp = z.iso.datetime({ offset: true });

/** A stored programme: the programme and its version and who saved it when. */
export const ProgrammeRecord = z.strictObject({
  ...Programme.shape,
  version: entityVersion,
  createdAt: timestamp,
  createdBy: z.string(),
  updatedAt: timestamp,
  updatedBy: z.string(),
});
export type ProgrammeRecord = z.infer<typeof ProgrammeRecord>;

export const PROGRAMMES_FILE_FORMAT = 'psr-programmes';

/** The programmes file a service exports and imports: an entry with an id updates that programme, one without creates it. */
export const ProgrammesFile = z.strictObject({
  format: z.literal(PROGRAMMES_FILE_FORMAT),
  formatVersion: z.literal(1),
  exportedAt: timestamp.optional(),
  exportedBy: z.string().max(200).optional(),
  programmes: z.array(z.strictObject({ id: entityId.optional(), ...ProgrammeDetails.shape })).max(5000),
});
export type ProgrammesFile = z.infer<typeof ProgrammesFile>;

const sourceFile = <T extends z.ZodType>(data: T) => z.strictObject({ file: z.string(), data });

/** The catalogue files as JSON, for the renderer to compile with the same code as main. */
export const CatalogueSourceSchema = z.strictObject({
  rules: z.array(sourceFile(RulesFile)),
  options: z.array(sourceFile(OptionsFile)),
  settings: sourceFile(OptionSettings),
  conditionLanguages: z.array(sourceFile(ConditionLanguageFile)),
});

export const ProposalChecks = z.strictObject({
  /** 0 until the first save. */
  version: z.number().int().min(0),
  proposal: Proposal.nullable(),
  checks: ConditionReport,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const optionsEntries = {
  'programmes.list': entry({
    input: z.strictObject({ includeRetired: z.boolean().optional() }),
    output: z.array(ProgrammeRecord),
    access: 'any',
    writes: false,
  }),
  'programmes.create': entry({
    input: z.strictObject({ details: ProgrammeDetails }),
    output: ProgrammeRecord,
    access: 'any',
    writes: true,
    roles: ['administrator'],
  }),
  'programmes.update': entry({
    input: z.strictObject({ id: entityId, version: entityVersion, details: ProgrammeDetails }),
    output: ProgrammeRecord,
    access: 'any',
    writes: true,
    roles: ['administrator'],
  }),
  'programmes.retire': entry({
    input: z.strictObject({ id: entityId, version: entityVersion }),
    output: ProgrammeRecord,
    access: 'any',
    writes: true,
    roles: ['administrator'],
  }),
  'programmes.export': entry({
    input: z.strictObject({ includeRetired: z.boolean().optional() }),
    output: ProgrammesFile,
    access: 'any',
    writes: false,
  }),
  'programmes.import': entry({
    // Validated inside the handler so every problem is reported with its path in the file.
    input: z.strictObject({ file: z.unknown() }),
    output: z.strictObject({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), programmes: z.array(ProgrammeRecord) }),
    access: 'any',
    writes: true,
    roles: ['administrator'],
  }),
  'options.catalogue': entry({
    input: z.strictObject({}),
    output: CatalogueSourceSchema,
    access: 'any',
    writes: false,
  }),
  'options.jurisdiction': entry({
    // The jurisdiction's options rules: the offence categories the case page offers, the currency.
    input: z.strictObject({}),
    output: JurisdictionOptions.nullable(),
    access: 'any',
    writes: false,
  }),
  'options.profile': entry({
    // What the renderer needs to run the same condition checks as main while the officer types.
    input: z.strictObject({ caseId: entityId }),
    output: z.strictObject({ profile: MatchingProfile, language: z.string() }),
    access: 'any',
    writes: false,
  }),
  'options.match': entry({
    input: z.strictObject({ caseId: entityId }),
    output: MatchResult,
    access: 'any',
    writes: false,
  }),
  'proposal.get': entry({
    input: z.strictObject({ caseId: entityId }),
    output: ProposalChecks,
    access: 'any',
    writes: false,
  }),
  'proposal.save': entry({
    // version 0 saves the first proposal; a stale version is a conflict naming the current one.
    input: z.strictObject({ caseId: entityId, version: z.number().int().min(0), proposal: Proposal, saveId }),
    output: z.strictObject({ version: entityVersion, checks: ConditionReport, updatedAt: z.string() }),
    access: 'any',
    writes: true,
    roles: ['probation_officer', 'senior_probation_officer'],
  }),
} as const;
