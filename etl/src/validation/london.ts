/**
 * Europe/London wall clock of an instant. The offset comes from the platform's time-zone data
 * (Intl), cached per UTC hour: UK clock changes happen on the hour (01:00 UTC), so one hour
 * always has a single offset, and a file's datetimes span few distinct hours.
 */
const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const HOUR_MS = 3_600_000;
const offsetByUtcHour = new Map<number, number>();

/** Minutes London is ahead of UTC at `utcMs` (0 in GMT, 60 in BST). */
export function londonOffsetMinutes(utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR_MS);
  const cached = offsetByUtcHour.get(hour);
  if (cached !== undefined) return cached;
  const hourStart = hour * HOUR_MS;
  const fields: Record<string, number> = {};
  for (const part of londonParts.formatToParts(new Date(hourStart))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wallMs = Date.UTC(
    fields.year ?? 0,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  const offset = Math.round((wallMs - hourStart) / 60_000);
  offsetByUtcHour.set(hour, offset);
  return offset;
}

/** The London wall clock of `utcMs`, as milliseconds whose UTC fields are the wall-clock fields. */
export function londonWallClockMs(utcMs: number): number {
  return utcMs + londonOffsetMinutes(utcMs) * 60_000;
}
