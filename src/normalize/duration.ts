/**
 * Durations as a lawyer writes them, parsed into a small model so that every output states
 * them the same way and later checks can compare them ("45 days" is longer than "1 month").
 */
export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export type Duration =
  /**
   * A fixed period, optionally counted from an event: "6 months after the last login"; with
   * `maximum`, the most it lasts: "up to 90 days".
   */
  | {
      kind: 'period';
      amount: number;
      unit: DurationUnit;
      iso: string;
      after?: string;
      inactivity?: true;
      maximum?: true;
    }
  /**
   * As long as a condition holds: "while the account is active"; with `deleted_within`, the time within
   * which it is deleted once the condition ends: "while the account is active, then deleted
   * within 60 days".
   */
  | { kind: 'while'; condition: string; deleted_within?: Extract<Duration, { kind: 'period' }> }
  /** Until an event: "until you unsubscribe". */
  | { kind: 'until'; event: string }
  /** For the browser session only. */
  | { kind: 'session' }
  /** As long as the law requires. */
  | { kind: 'legal' }
  /** With no time limit, as the declaration says ("indefinitely"). */
  | { kind: 'indefinite' };

const UNITS: Record<string, DurationUnit> = {
  minute: 'minute',
  minutes: 'minute',
  min: 'minute',
  mins: 'minute',
  hour: 'hour',
  hours: 'hour',
  hr: 'hour',
  hrs: 'hour',
  h: 'hour',
  day: 'day',
  days: 'day',
  d: 'day',
  week: 'week',
  weeks: 'week',
  w: 'week',
  month: 'month',
  months: 'month',
  mo: 'month',
  year: 'year',
  years: 'year',
  yr: 'year',
  yrs: 'year',
  y: 'year',
};

const WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
};

const ISO_UNIT: Record<DurationUnit, string> = { minute: 'M', hour: 'H', day: 'D', week: 'W', month: 'M', year: 'Y' };

/** Approximate length in days, for comparing durations; undefined when not a fixed period. */
/**
 * The most and the fewest calendar days a period can span: a month is 28 to 31 days, a year 365
 * or 366. A promise is within a deadline in every case only if its longest is at most the
 * deadline's shortest ("30 days" can outrun "one month" that ends in February).
 */
export function calendarDays(duration: Duration): { min: number; max: number } | undefined {
  if (duration.kind !== 'period') return undefined;
  const bounds: Record<DurationUnit, [number, number]> = {
    minute: [1 / 1440, 1 / 1440],
    hour: [1 / 24, 1 / 24],
    day: [1, 1],
    week: [7, 7],
    month: [28, 31],
    year: [365, 366],
  };
  const [min, max] = bounds[duration.unit];
  return { min: duration.amount * min, max: duration.amount * max };
}

export function approximateDays(duration: Duration): number | undefined {
  if (duration.kind !== 'period') return undefined;
  const perUnit: Record<DurationUnit, number> = {
    minute: 1 / 1440,
    hour: 1 / 24,
    day: 1,
    week: 7,
    month: 30.44,
    year: 365.25,
  };
  return duration.amount * perUnit[duration.unit];
}

/**
 * Parses a duration. Returns an error message (with the forms accepted) when the text is
 * not one we understand; never guesses.
 *
 * @example parseDuration('30 days after the account is closed')
 *   // { kind: 'period', amount: 30, unit: 'day', iso: 'P30D', after: 'the account is closed' }
 */
export function parseDuration(input: string): { duration?: Duration; error?: string } {
  const text = input.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase().replace(/\.$/, '');
  // "Up to 90 days": the most a period lasts, as a policy says it (issue 17).
  const most =
    /^(?:(?:for )?up to|(?:for )?at most|(?:for )?no (?:longer|more) than|(?:for )?a maximum of)\s+(.+)$/i.exec(text);
  if (most) {
    const { duration, error } = parseDuration(most[1]!);
    if (duration?.kind === 'period' && !duration.maximum) return { duration: { ...duration, maximum: true } };
    return { error: error ?? `"${text}": "up to" takes a length of time, such as "up to 90 days".` };
  }

  // Months (M before T) and minutes (M after T) share a letter in ISO 8601.
  const iso = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(text);
  if (iso && text !== 'P' && !text.endsWith('T')) {
    const [years, months, weeks, days, hours, minutes] = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]].map((p) =>
      p === undefined ? undefined : Number(p),
    );
    const given = [years, months, weeks, days, hours, minutes].filter((n) => n !== undefined).length;
    // Combinations that have an exact single-unit equivalent are accepted: P1Y6M is 18 months.
    let result: Extract<Duration, { kind: 'period' }> | undefined;
    if (given === 1) {
      const units: [number | undefined, DurationUnit][] = [
        [years, 'year'],
        [months, 'month'],
        [weeks, 'week'],
        [days, 'day'],
        [hours, 'hour'],
        [minutes, 'minute'],
      ];
      const [amount, unit] = units.find(([n]) => n !== undefined)! as [number, DurationUnit];
      result = period(amount, unit);
    } else if (weeks === undefined && days === undefined && hours === undefined && minutes === undefined) {
      result = period((years ?? 0) * 12 + (months ?? 0), 'month');
    } else if (years === undefined && months === undefined && hours === undefined && minutes === undefined) {
      result = period((weeks ?? 0) * 7 + (days ?? 0), 'day');
    } else if (years === undefined && months === undefined && weeks === undefined && days === undefined) {
      result = period((hours ?? 0) * 60 + (minutes ?? 0), 'minute');
    }
    if (!result)
      return {
        error: `"${text}" mixes units that have no exact equivalent in one unit; write it in one unit, such as P18M or "18 months".`,
      };
    if (result.amount === 0)
      return { error: `"${text}" is zero; a retention or notice period must be longer than that.` };
    return { duration: result };
  }

  if (
    /^(for )?(the (duration of the )?)?(browser )?session( only)?$|^(until|when) (you close|the end of) (the|your) (browser|session)/.test(
      lower,
    )
  ) {
    return { duration: { kind: 'session' } };
  }
  if (
    /^(for )?as long as (is )?(required|necessary|needed|permitted) (by|under) (applicable )?(the )?law$|^as required by (applicable )?law$|^(for )?as long as (the |applicable )?laws? (requires?|permits?)( us to)?$/.test(
      lower,
    )
  ) {
    return { duration: { kind: 'legal' } };
  }
  // Said as the policy says it; a law that limits storage is the lawyer's to weigh (issue 17).
  if (
    /^(?:(?:kept|stored|retained) )?(?:indefinitely|forever|permanently|for an indefinite period|with no (?:set )?time limit|without (?:a )?time limit)$/.test(
      lower,
    )
  ) {
    return { duration: { kind: 'indefinite' } };
  }
  const whileMatch = /^(?:for as long as|as long as|while|for the duration of)\s+(.+)$/i.exec(text);
  if (whileMatch) {
    // "while the account is active, then deleted within 60 days" (issue 17).
    const then = THEN.exec(stripPeriod(whileMatch[1]!));
    if (!then) return { duration: { kind: 'while', condition: stripPeriod(whileMatch[1]!) } };
    const { duration: within, error } = thenPeriod(then[2]!);
    if (!within) return { error: error! };
    return { duration: { kind: 'while', condition: stripPeriod(then[1]!), deleted_within: within } };
  }
  const untilMatch = /^until\s+(.+)$/i.exec(text);
  if (untilMatch) return { duration: { kind: 'until', event: stripPeriod(untilMatch[1]!) } };

  const periodMatch =
    /^(?:for\s+)?(\d+|[a-z]+(?:-[a-z]+)?)\s+([a-z]+)(?:\s+(?:after|from|following|since)\s+(.+)|\s+(of inactivity|without (?:a )?(?:login|log-in|visit|activity)))?$/i.exec(
      text,
    );
  if (periodMatch) {
    const [, rawAmount, rawUnit, event, inactivity] = periodMatch;
    // "6 months of inactivity" is counted from the last activity; each locale words that itself.
    const after = inactivity ? undefined : event;
    const amount = /^\d+$/.test(rawAmount!) ? Number(rawAmount) : WORDS[rawAmount!.toLowerCase()];
    const unit = UNITS[rawUnit!.toLowerCase()];
    if (amount !== undefined && unit !== undefined && amount > 0) {
      const result = period(amount, unit);
      if (after) result.after = stripPeriod(after);
      if (inactivity) result.inactivity = true;
      return { duration: result };
    }
  }
  return {
    error: `"${text}" is not a duration policygen understands. Write it as "6 months", "up to 90 days", "30 days after the account is closed", "while the account is active", "while the account is active, then deleted within 60 days", "until you unsubscribe", "as long as required by law", "the browser session", "indefinitely", or in ISO 8601 such as "P6M" or "PT30M".`,
  };
}

/** "…, then deleted within 60 days", "… and deleted within 60 days after that". */
const THEN =
  /^(.+?),?\s+(?:and\s+)?(?:then\s+(?:(?:is\s+|are\s+)?(?:deleted|erased|removed|destroyed)\s+)?|(?:is\s+|are\s+)?(?:deleted|erased|removed|destroyed)\s+)(?:within|no later than)\s+(.+?)(?:\s+(?:after that|afterwards|thereafter|after it ends|after that ends))?$/i;

/** The time within which information is deleted once a condition ends: a plain period. */
function thenPeriod(text: string): { duration?: Extract<Duration, { kind: 'period' }>; error?: string } {
  const { duration } = parseDuration(text);
  if (duration?.kind === 'period' && !duration.after && !duration.inactivity && !duration.maximum) return { duration };
  return {
    error: `"${text}": the time within which information is deleted once the condition ends must be a plain length of time, such as "within 60 days".`,
  };
}

function period(amount: number, unit: DurationUnit): Extract<Duration, { kind: 'period' }> {
  const time = unit === 'hour' || unit === 'minute';
  return { kind: 'period', amount, unit, iso: time ? `PT${amount}${ISO_UNIT[unit]}` : `P${amount}${ISO_UNIT[unit]}` };
}

function stripPeriod(text: string): string {
  return text.replace(/\.$/, '').trim();
}

/** A duration as a declaration may give it: text, or its parts with the event or condition stated per language. */
export type DurationInput =
  | string
  | { period?: string; after?: string; while?: string; deleted_within?: string; until?: string };

/**
 * Parses a duration given as text or as parts ({ period: "30 days", after: "…" }), once any
 * per-language text in it has been resolved to the locale being built.
 */
export function parseDurationInput(input: DurationInput): { duration?: Duration; error?: string } {
  if (typeof input === 'string') return parseDuration(input);
  const given = (['period', 'while', 'until'] as const).filter((key) => input[key] !== undefined);
  if (given.length !== 1) return { error: 'Give exactly one of period (optionally with after), while, or until.' };
  if (input.after !== undefined && input.period === undefined)
    return { error: '"after" needs a period to count: add period, such as "30 days".' };
  if (input.deleted_within !== undefined && input.while === undefined)
    return { error: '"deleted_within" is the time within which information is deleted once "while" ends: add while.' };
  if (input.while !== undefined) {
    const condition = stripPeriod(input.while);
    if (input.deleted_within === undefined) return { duration: { kind: 'while', condition } };
    const { duration: within, error } = thenPeriod(input.deleted_within.replace(/^(?:deleted\s+)?within\s+/i, ''));
    return within ? { duration: { kind: 'while', condition, deleted_within: within } } : { error };
  }
  if (input.until !== undefined) return { duration: { kind: 'until', event: stripPeriod(input.until) } };
  const { duration, error } = parseDuration(input.period!);
  if (!duration) return { error };
  if (duration.kind !== 'period' || duration.after !== undefined || duration.inactivity) {
    return { error: `period must be a plain length of time such as "30 days" or "P30D"; state the event in "after".` };
  }
  if (input.after !== undefined) duration.after = stripPeriod(input.after);
  return { duration };
}

/** A duration input as one line of text, for messages and the JSON model. */
export function durationText(input: DurationInput): string {
  if (typeof input === 'string') return input;
  if (input.while !== undefined)
    return input.deleted_within !== undefined
      ? `while ${input.while}, then deleted within ${input.deleted_within}`
      : `while ${input.while}`;
  if (input.until !== undefined) return `until ${input.until}`;
  return input.after !== undefined ? `${input.period} after ${input.after}` : (input.period ?? '');
}
