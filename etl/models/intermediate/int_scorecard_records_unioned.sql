-- grain: one row per (indicator, period, source record whose defining date falls in the period's window)
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
