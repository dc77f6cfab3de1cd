/**
 * A multinomial logistic regression over sparse binary features, trained by plain stochastic
 * gradient descent in a fixed order (the same examples give the same model on every machine).
 * Small on purpose: a few hundred declared sentences train it in well under a second.
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
  private readonly weights = new Map<string, Float64Array>();
  private readonly bias: Float64Array;

  constructor(readonly labels: number) {
    this.bias = new Float64Array(labels);
  }

  /** Logits of a feature set (features the model never saw are ignored). */
  scores(features: readonly string[]): Float64Array {
    const out = Float64Array.from(this.bias);
    const scale = 1 / Math.sqrt(Math.max(features.length, 1));
    for (const feature of features) {
      const row = this.weights.get(feature);
      if (!row) continue;
      for (let k = 0; k < this.labels; k++) out[k]! += row[k]! * scale;
    }
    return out;
  }

  train(examples: readonly TrainingExample[], options: TrainingOptions = {}): this {
    const epochs = options.epochs ?? 24;
    const decay = options.decay ?? 1e-4;
    const order = examples.map((_, i) => i);
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
      for (const index of order) this.step(examples[index]!, rate, decay);
    }
    return this;
  }

  private step(example: TrainingExample, rate: number, decay: number): void {
    const probabilities = softmax(this.scores(example.features));
    probabilities[example.label]! -= 1;
    const scale = 1 / Math.sqrt(Math.max(example.features.length, 1));
    for (const feature of example.features) {
      let row = this.weights.get(feature);
      if (!row) this.weights.set(feature, (row = new Float64Array(this.labels)));
      for (let k = 0; k < this.labels; k++) row[k]! -= rate * (probabilities[k]! * scale + decay * row[k]!);
    }
    for (let k = 0; k < this.labels; k++) this.bias[k]! -= rate * probabilities[k]! * 0.1;
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
