import { SCORECARD_RECORD_VIEW } from '@oscp/warehouse';

/**
 * The drill-through the API reads, `scorecard_record(period, code, part, dataset, record_id,
 * child_id)`: one row per (period, indicator, part, source record). A view over
 * `mart_indicator_records`, which holds each record once at the quarter of its defining date;
 * the view places it in every period whose window holds that quarter and lists it under
 * `numerator` and/or `denominator`. Denominator records are listed for percentages only (a
 * rate's denominator is a population, a count has none); periods shown [x] list none.
 *
 * A period's window is listed as the quarters it holds (`period_index - window_quarters + 1` to
 * `period_index`), so records meet periods through an equality join on (code, quarter) rather
 * than a range join: the same rows (`sample.spec.ts` compares them with the range rule), in
 * about 60 % of the time at regional scale.
 */
export const SCORECARD_RECORD_VIEW_SQL = `create or replace view ${SCORECARD_RECORD_VIEW} as
select
    measures.period,
    records.code,
    parts.part,
    records.dataset,
    records.record_id,
    records.child_id
from mart_indicator_records as records
inner join (
    select
        measures.*,
        unnest(range(measures.period_index - measures.window_quarters + 1, measures.period_index + 1))
            as event_quarter_index
    from mart_indicator_measures as measures
    where measures.status <> 'no_data'
) as measures
    on measures.code = records.code
    and measures.event_quarter_index = records.event_quarter_index
cross join (values ('numerator'), ('denominator')) as parts (part)
where (parts.part = 'numerator' and records.in_numerator)
    or (parts.part = 'denominator' and records.in_denominator and measures.unit = 'percent')`;
