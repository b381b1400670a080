-- test: every calendar date appears once in the calendar
select calendar_date, count(*) as copies
from calendar
group by calendar_date
having count(*) > 1
