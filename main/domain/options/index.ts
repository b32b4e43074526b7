// Community options: catalogue compilation, matching and condition checks (pure; runs in main and renderer).
export { compileCatalogue, type Catalogue, type CatalogueSource, type CompiledOption, type CompiledRule, type SourceFile } from './catalogue';
export { matchOptions, type MatchOptions } from './match';
export { checkConditions } from './conditions';
export { countRequirements } from './requirements';
export { deriveProfile, offenceCategoriesOf, type DeriveProfileOptions } from './profile';
export { parseSchedules, firstOverlap, describeSchedule } from './schedule';
export { disclosableInterview, withheldReasons, WITHHELD_REASON } from './disclosure';
