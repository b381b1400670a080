-- grain: one row per indicator of catalogue v1
-- What the SQL needs to know of each indicator to count it: its unit (which denominator), how
-- many quarters its window spans (1, or 4 for rolling 12 months), where it comes from (records,
-- plans open at quarter end, or a partner return) and, for partner returns, the agency whose
-- return it is. Titles, targets and the rest live in the catalogue file (libs/scorecard).
with

indicators as (

    select * from (
        values
            ('FD01', 1, 'count', 1, 'records', cast(null as varchar)),
            ('FD02', 2, 'percent', 1, 'records', null),
            ('FD03', 3, 'percent', 1, 'records', null),
            ('FD04', 4, 'rate10k', 4, 'records', null),
            ('FD05', 5, 'percent', 1, 'records', null),
            ('FD06', 6, 'count', 1, 'records', null),
            ('FD07', 7, 'percent', 1, 'records', null),
            ('FD08', 8, 'percent', 1, 'records', null),
            ('CP01', 9, 'rate10k', 4, 'records', null),
            ('CP02', 10, 'percent', 1, 'records', null),
            ('CP03', 11, 'rate10k', 1, 'quarter_end', null),
            ('CP04', 12, 'percent', 1, 'records', null),
            ('CP05', 13, 'percent', 1, 'records', null),
            ('CP06', 14, 'percent', 1, 'records', null),
            ('CP07', 15, 'percent', 1, 'records', null),
            ('CP08', 16, 'percent', 1, 'records', null),
            ('NG01', 17, 'percent', 1, 'records', null),
            ('NG02', 18, 'percent', 1, 'records', null),
            ('NG03', 19, 'percent', 1, 'records', null),
            ('NG04', 20, 'rate10k', 1, 'quarter_end', null),
            ('PT01', 21, 'percent', 1, 'records', null),
            ('PT02', 22, 'percent', 1, 'records', null),
            ('PT03', 23, 'rate100k', 4, 'partner_return', 'YJS'),
            ('PT04', 24, 'count', 1, 'partner_return', 'POLICE'),
            ('PT05', 25, 'percent', 1, 'partner_return', 'HEALTH'),
            ('PT06', 26, 'percent', 1, 'partner_return', 'OSCP')
    ) as listed (code, position, unit, window_quarters, source_kind, return_agency)

),

final as (

    select * from indicators

)

select * from final
