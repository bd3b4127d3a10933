/**
 * Schema resolution (spec "Schema Resolution"): the writer → reader plan that resolvers
 * follow, and compatibility checks built on it.
 */
export type {
  Incompatibility, IncompatibilityKind, Plan, SamePlan, PromotePlan, RecordPlan, FieldStep, DefaultStep,
  EnumPlan, FixedPlan, ArrayPlan, MapPlan, WriterUnionPlan, FailPlan, PromotableKind,
} from './plan.js';
export { planResolution } from './build-plan.js';
export { allIssues, buildIssues, childPlans } from './analyze.js';
export { AvroResolutionError } from './errors.js';
export { checkCompatibility, schemaNodeOf } from './compatibility.js';
export type { CompatibilityResult, SchemaLike } from './compatibility.js';
export { checkVersions, parseCompatibilityMode, COMPATIBILITY_MODES } from './modes.js';
export type { CompatibilityMode, ModeResult, VersionCheck } from './modes.js';
export { namesMatch, isPromotion, schemasMatch, selectReaderBranch } from './match.js';
