/**
 * A multinomial logistic regression over sparse binary features, trained by plain stochastic
 * gradient descent in a fixed order (the same examples give the same model on every machine).
 * Features are interned to row numbers once, so training touches flat arrays only: a thousand
 * examples over thirty actions train in a fraction of a second.
 */

export interface TrainingExample {
  features: readonly string[];
  label: number;
}

export interface TrainingOptions {
  epochs?: number;
  learningRate?: number;
  /** L2 weight decay per step. */
  decay?: number;
}

export class LinearModel {
  private readonly rows = new Map<string, number>();
  private weights = new Float64Array(0);
  private readonly bias: Float64Array;

  constructor(readonly labels: number) {
    this.bias = new Float64Array(labels);
  }

  /** Logits of a feature set (features the model never saw are ignored). */
  scores(features: readonly string[]): Float64Array {
    const ids: number[] = [];
    for (const feature of features) {
      const row = this.rows.get(feature);
      if (row !== undefined) ids.push(row);
    }
    return this.logits(ids, features.length);
  }

  private logits(ids: readonly number[], count: number): Float64Array {
    const out = Float64Array.from(this.bias);
    const scale = 1 / Math.sqrt(Math.max(count, 1));
    const { weights, labels } = this;
    for (const id of ids) {
      const base = id * labels;
      for (let k = 0; k < labels; k++) out[k]! += weights[base + k]! * scale;
    }
    return out;
  }

  train(examples: readonly TrainingExample[], options: TrainingOptions = {}): this {
    const epochs = options.epochs ?? 24;
    const decay = options.decay ?? 1e-4;
    const interned = examples.map((example) => ({ ids: example.features.map((f) => this.intern(f)), label: example.label }));
    this.weights = new Float64Array(this.rows.size * this.labels);
    const order = interned.map((_, i) => i);
    let seed = 0x2545f491;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const rate = (options.learningRate ?? 1.2) / (1 + epoch * 0.15);
      // A fixed pseudo-random shuffle per epoch (xorshift), so training is reproducible.
      for (let i = order.length - 1; i > 0; i--) {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        const j = (seed >>> 0) % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const index of order) this.step(interned[index]!, rate, decay);
    }
    return this;
  }

  private intern(feature: string): number {
    let row = this.rows.get(feature);
    if (row === undefined) this.rows.set(feature, (row = this.rows.size));
    return row;
  }

  private step(example: { ids: number[]; label: number }, rate: number, decay: number): void {
    const gradient = softmax(this.logits(example.ids, example.ids.length));
    gradient[example.label]! -= 1;
    // Once trained a little, most actions get a probability near zero on an example: only the
    // ones with a gradient worth the work are updated (and decayed), which keeps training cheap.
    const active: number[] = [];
    for (let k = 0; k < this.labels; k++) if (Math.abs(gradient[k]!) > 1e-3) active.push(k);
    const scale = 1 / Math.sqrt(Math.max(example.ids.length, 1));
    const { weights, labels } = this;
    for (const id of example.ids) {
      const base = id * labels;
      for (const k of active) weights[base + k]! -= rate * (gradient[k]! * scale + decay * weights[base + k]!);
    }
    for (const k of active) this.bias[k]! -= rate * gradient[k]! * 0.1;
  }
}

/** Probabilities from logits, in place. */
export function softmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const value of logits) max = Math.max(max, value);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) sum += logits[k] = Math.exp(logits[k]! - max);
  for (let k = 0; k < logits.length; k++) logits[k]! /= sum;
  return logits;
}
