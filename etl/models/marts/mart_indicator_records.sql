-- grain: one row per (indicator, source record with its defining date in a calendar quarter)
-- materialized: view
-- Drill-through: the records behind every numerator and denominator ("which 7 children?"),
-- once per record at the quarter of its defining date, with where it counts. The view
-- scorecard_record (etl/src/snapshot/scorecard-record-view.ts) places each record in the periods
-- whose window holds its quarter and lists it as numerator and/or denominator there.
-- A view over the intermediate tables (kept in the snapshot for it), not a table: the measures
-- and breakdowns only count its rows, and a table of them was the largest thing the build
-- wrote (about 3 rows per source record; 4-6 when stored per period and part).
with

front_door as (

    select * from int_front_door_records_assigned

),

child_protection as (

    select * from int_child_protection_records_assigned

),

neglect as (

    select * from int_neglect_records_assigned

),

priority_themes as (

    select * from int_priority_themes_records_assigned

),

final as (

    select * from front_door
    union all
    select * from child_protection
    union all
    select * from neglect
    union all
    select * from priority_themes

)

select * from final
