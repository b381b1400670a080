import type { IndicatorDefinition } from '@oscp/contracts';
import { readCatalogue } from './catalogue-file';

function loadCatalogue(): { version: string; indicators: readonly IndicatorDefinition[] } {
  const file = readCatalogue();
  return { version: file.version, indicators: Object.freeze(file.indicators.map((d) => Object.freeze(d))) };
}

const loaded = loadCatalogue();

/** Version of the catalogue file; stored with each snapshot. */
export const catalogueVersion: string = loaded.version;

/** Every indicator, in scorecard order (FD01 … PT06). */
export const catalogue: readonly IndicatorDefinition[] = loaded.indicators;

const byCode = new Map(catalogue.map((def) => [def.code, def]));

/** The definition of an indicator, or undefined for an unknown code (codes are matched exactly). */
export function indicatorByCode(code: string): IndicatorDefinition | undefined {
  return byCode.get(code);
}

/** Indicators whose value comes from a quarterly partner return (PT03-PT06). */
export function isPartnerReturnIndicator(def: IndicatorDefinition): boolean {
  return def.source.includes('partner_returns');
}

export const partnerReturnCodes: readonly string[] = catalogue
  .filter(isPartnerReturnIndicator)
  .map((d) => d.code);
