// Community options: catalogue compilation, matching and condition checks (pure; runs in main and renderer).
export { compileCatalogue, type Catalogue, type CatalogueSource, type CompiledOption, type CompiledRule, type SourceFile } from './catalogue';
export { matchOptions, type MatchOptions } from './match';
export { checkConditions } from './conditions';
export { countRequirements } from './requirements';
export { chargeCategories, deriveProfile, highestSeriousness, offenceCategoriesOf, type DeriveProfileOptions, type ProfileJurisdiction } from './profile';
export { affordability, money, type Affordability } from './affordability';
export { optionFacts } from './optionFacts';
export { programmeRuleIssues, programmeRules } from './programmeRules';
export { parseSchedules, firstOverlap, describeSchedule } from './schedule';
export { disclosableInterview, withheldReasons, WITHHELD_REASON } from './disclosure';
