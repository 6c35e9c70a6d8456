import type Handlebars from 'handlebars';
import { BRANCH, CLOSE, CONDITION, MARK, RANGE_CLOSE, RANGE_OPEN, RANGE_OPEN_END } from './instrument.js';

/** A property a template (or a helper it called) looked up on an object of the view. */
export type Read = readonly [object: object, property: string];

/**
 * One marked stretch of a traced render's output: a mustache, a partial, a block, or one
 * branch of a block (an iteration of `#each`, the `else` of `#if`).
 */
export interface TraceEvent {
  /** The helper or path the mustache or block names ("if", "each", "explain", "name"); ">" for a partial; "" for a branch. */
  helper: string;
  /** What the range depends on: for a block, the reads that chose its branch; for a branch, those and its item; for a mustache, all it read. */
  reads: Read[];
  /** For a branch: its context, when the block gave it a new one (the item of an `#each`, the object of a `#with`). */
  context?: object;
  /** The block whose branch this is. */
  parent?: number;
}

interface Open {
  index: number;
  /** Reads made while this event was the innermost open one, not yet given to a condition or branch. */
  pending: Read[];
  context: unknown;
}

/**
 * What one traced render notes: the events, in the order their ranges open, and the reads
 * each owns. A read belongs to the innermost event open when it happens. Rendering is
 * synchronous: render() sets `tracing.current` around a traced render and clears it after.
 */
export class RenderTrace {
  readonly events: TraceEvent[] = [];
  private readonly stack: Open[] = [];
  /** Proxies the recorder made, to their targets, so a branch's context can be traced. */
  readonly targets = new WeakMap<object, object>();

  read(object: object, property: string): void {
    this.stack[this.stack.length - 1]?.pending.push([object, property]);
  }

  mark(helper: string, context: unknown): string {
    const index = this.events.push({ helper, reads: [] }) - 1;
    this.stack.push({ index, pending: [], context });
    return RANGE_OPEN + index + RANGE_OPEN_END;
  }

  /** A block's argument has been evaluated: what was read for it is the block's condition. */
  condition(): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) return;
    this.events[top.index]!.reads.push(...top.pending);
    top.pending = [];
  }

  branch(context: unknown): string {
    const parent = this.stack[this.stack.length - 1];
    const reads: Read[] = [];
    if (parent) {
      // What the block read since its last branch (an `#each` reads the item it passes on).
      reads.push(...parent.pending);
      parent.pending = [];
    }
    const event: TraceEvent = { helper: '', reads, ...(parent ? { parent: parent.index } : {}) };
    if (context !== null && typeof context === 'object' && (!parent || context !== parent.context))
      event.context = this.targets.get(context) ?? context;
    const index = this.events.push(event) - 1;
    this.stack.push({ index, pending: [], context });
    return RANGE_OPEN + index + RANGE_OPEN_END;
  }

  close(): string {
    const top = this.stack.pop();
    if (top) this.events[top.index]!.reads.push(...top.pending);
    return RANGE_CLOSE;
  }
}

/** The trace of the render in progress, if it is traced. */
export const tracing: { current?: RenderTrace } = {};

/** The marker helpers of instrument.ts; outside a traced render they print nothing. */
export function registerTraceHelpers(hb: typeof Handlebars): void {
  const safe = (text: string) => new hb.SafeString(text);
  hb.registerHelper({
    [MARK](this: unknown, helper: unknown) {
      return safe(tracing.current ? tracing.current.mark(typeof helper === 'string' ? helper : '', this) : '');
    },
    [CLOSE]() {
      return safe(tracing.current ? tracing.current.close() : '');
    },
    [BRANCH](this: unknown) {
      return safe(tracing.current ? tracing.current.branch(this) : '');
    },
    [CONDITION](value: unknown) {
      tracing.current?.condition();
      return value;
    },
  });
}
