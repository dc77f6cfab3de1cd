/**
 * The middleware runner. Each middleware gets the context and `next`; calling `next` twice is a
 * bug that would run handlers twice, so it throws instead.
 */
export type Next = () => Promise<void>;
export type Middleware<C> = (ctx: C, next: Next) => Promise<void>;

/** Composes middleware into one, run in order. */
export function compose<C>(middleware: Middleware<C>[]): Middleware<C> {
  return (ctx, last) => {
    let index = -1;
    const run = async (i: number): Promise<void> => {
      if (i <= index) throw new Error("next() called more than once by the same middleware");
      index = i;
      const fn = i === middleware.length ? last : middleware[i];
      if (!fn) return;
      await fn(ctx, () => run(i + 1));
    };
    return run(0);
  };
}
