/**
 * What a snapshot build needs from the agencies feature: the working days after a quarter's end
 * each agency's partner return is due, for agencies whose days differ from the default 20. An
 * abstract class so it is both the type and the injection token; `AgenciesModule` provides and
 * exports it.
 */
export abstract class ReturnDueDaysSource {
  abstract returnDueWorkingDays(): Promise<Record<string, number>>;
}
