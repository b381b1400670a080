import { describe, expect, it } from 'vitest';
import { discoverModels, MODEL_LAYERS, modelStatement, orderWithinLayer } from './model-runner';
import { modelsDir } from './paths';

const model = (name: string, sql: string): { name: string; sql: string } => ({ name, sql });

describe('orderWithinLayer', () => {
  it('keeps name order when no model refers to another', () => {
    const ordered = orderWithinLayer([model('b', 'select 1'), model('a', 'select 2')]);
    expect(ordered.map((m) => m.name)).toEqual(['a', 'b']);
  });

  it('moves a model after the models of its layer that it selects from', () => {
    const ordered = orderWithinLayer([
      model('int_a_unioned', 'select * from int_z_assigned'),
      model('int_z_assigned', 'select * from stg_x'),
    ]);
    expect(ordered.map((m) => m.name)).toEqual(['int_z_assigned', 'int_a_unioned']);
  });

  it('ignores a name that appears only in a comment', () => {
    const ordered = orderWithinLayer([model('a', '-- unlike b\nselect 1'), model('b', 'select 2')]);
    expect(ordered.map((m) => m.name)).toEqual(['a', 'b']);
  });

  it('refuses models that refer to each other in a circle', () => {
    expect(() => orderWithinLayer([model('a', 'select * from b'), model('b', 'select * from a')])).toThrow(
      /in a circle/,
    );
  });
});

describe('the shipped models', () => {
  const models = discoverModels(modelsDir());

  it('run layer by layer: quarantine, staging, intermediate, marts', () => {
    const layers = models.map((m) => m.layer);
    expect([...new Set(layers)]).toEqual([...MODEL_LAYERS]);
  });

  it('each state their grain on the first line and end with select * from final', () => {
    for (const m of models) {
      expect(m.sql.split('\n')[0], m.name).toMatch(/^-- grain: one row per /);
      expect(m.sql.trim().endsWith('select * from final'), m.name).toBe(true);
    }
  });

  it('are tables, except the per-record lists that the marts and the drill-through only count or filter', () => {
    const views = models.filter((m) => m.materialized === 'view').map((m) => m.name);
    expect(views.sort()).toEqual([
      'int_child_protection_records_assigned',
      'int_front_door_records_assigned',
      'int_neglect_records_assigned',
      'int_priority_themes_records_assigned',
      'mart_indicator_records',
    ]);
    expect(modelStatement(models.find((m) => m.name === 'stg_contacts') ?? models[0])).toMatch(
      /^create or replace table "?stg_contacts"? as\n/,
    );
  });

  it('are written in lower-case SQL', () => {
    const keywords = /\b(SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY|WITH|UNION ALL|CASE|WHEN|THEN|END)\b/;
    for (const m of models) expect(m.sql.replace(/--[^\n]*/g, ''), m.name).not.toMatch(keywords);
  });
});
