-- test: coded columns in staging hold only the data contract's canonical (upper-case) codes
with

bad_codes as (

    select 'stg_contacts.outcome' as column_name, outcome as code from stg_contacts
    where outcome not in ('NFA', 'ADVICE', 'EARLY_HELP', 'REFERRAL')
    union all
    select 'stg_contacts.source', source from stg_contacts
    where source not in (
        '1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4',
        '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10')
    union all
    select 'stg_referrals.source', source from stg_referrals
    where source not in (
        '1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4',
        '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10')
    union all
    select 'stg_strategy_discussions.concern_category', concern_category from stg_strategy_discussions
    where concern_category not in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')
    union all
    select 'stg_cp_plans.initial_category', initial_category from stg_cp_plans
    where initial_category not in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')
    union all
    select 'stg_cp_plans.latest_category', latest_category from stg_cp_plans
    where latest_category not in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')
    union all
    select 'stg_conference_participation.conference_type', conference_type from stg_conference_participation
    where conference_type not in ('ICPC', 'RCPC')
    union all
    select 'stg_conference_participation.agency', agency from stg_conference_participation
    where agency not in (
        'CSC', 'EARLY_HELP', 'POLICE', 'HEALTH', 'EDUCATION', 'PROBATION', 'HOUSING', 'YJS', 'SARC', 'OSCP', 'OTHER')
    union all
    select 'stg_partner_returns.agency', agency from stg_partner_returns
    where agency not in (
        'CSC', 'EARLY_HELP', 'POLICE', 'HEALTH', 'EDUCATION', 'PROBATION', 'HOUSING', 'YJS', 'SARC', 'OSCP', 'OTHER')

),

final as (

    select * from bad_codes

)

select * from final
