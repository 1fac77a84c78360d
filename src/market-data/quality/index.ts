export {
  checkBarQuality,
  DEFAULT_QUALITY_LIMITS,
  type BarQualityOptions,
  type BarQualityReport,
  type ExcludedSymbol,
} from './check-bar-quality.js';
