/**
 * The drill-through the API reads, `scorecard_record(period, code, part, dataset, record_id,
 * child_id)`: one row per (period, indicator, part, source record). A view over
 * `mart_indicator_records`, which holds each record once at the quarter of its defining date;
 * the view places it in every period whose window holds that quarter and lists it under
 * `numerator` and/or `denominator`. Denominator records are listed for percentages only (a
 * rate's denominator is a population, a count has none); periods shown [x] list none.
 */
export const SCORECARD_RECORD_VIEW_SQL = `create or replace view scorecard_record as
select
    measures.period,
    records.code,
    parts.part,
    records.dataset,
    records.record_id,
    records.child_id
from mart_indicator_records as records
inner join mart_indicator_measures as measures
    on measures.code = records.code
    and measures.period_index >= records.event_quarter_index
    and measures.period_index < records.event_quarter_index + measures.window_quarters
cross join (values ('numerator'), ('denominator')) as parts (part)
where measures.status <> 'no_data'
    and (
        (parts.part = 'numerator' and records.in_numerator)
        or (parts.part = 'denominator' and records.in_denominator and measures.unit = 'percent')
    )`;
