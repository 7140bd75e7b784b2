import { createHash } from 'node:crypto';
import * as ort from 'onnxruntime-node';
import type { Calendar } from './calendar';
import { FEATURE_COUNT, FEATURE_NAMES, LEVEL_FEATURE, trainingRows, type ItemHistory } from './features';
import { train, type GbdtOptions, type TrainHooks } from './gbdt';
import { exportOnnx, ONNX_INPUT, ONNX_OUTPUT } from './onnx';
import type { DemandPanel } from './panel';

/**
 * The demand model as the app uses it: trained here (gbdt.ts), exported to
 * ONNX bytes, and always evaluated by onnxruntime-node — the TypeScript trees
 * are never used to forecast, so what runs is what is shipped and stored.
 */
export interface TrainedModel {
  onnx: Uint8Array;
  sha256: string;
  rows: number;
  trees: number;
  seconds: number;
}

export const MODEL_TRAINING: Partial<GbdtOptions> = {
  loss: { kind: 'poisson' },
  trees: 160,
  learningRate: 0.08,
  maxLeaves: 31,
  minRows: 60,
  rowSample: 0.6,
  offsetFeature: LEVEL_FEATURE,
  offsetFloor: 0.02,
};

export interface TrainOptions {
  /** First panel day not used (train on what was known before it). */
  end: number;
  /** Days of history turned into rows (at most). */
  window: number;
  gbdt?: Partial<GbdtOptions>;
  hooks?: TrainHooks;
  metadata?: Record<string, string>;
}

export function trainModel(panel: DemandPanel, histories: ItemHistory[], calendar: Calendar, options: TrainOptions): TrainedModel {
  return trainModelOn([{ panel, histories, calendar, end: options.end, window: options.window }], options);
}

export interface TrainingPart {
  panel: DemandPanel;
  histories: ItemHistory[];
  calendar: Calendar;
  end: number;
  window: number;
}

/** One model over several panels (the default model learns from more than one store). */
export function trainModelOn(parts: TrainingPart[], options: Omit<TrainOptions, 'end' | 'window'>): TrainedModel {
  const started = performance.now();
  const sets = parts.map((p) => trainingRows(p.panel, p.histories, p.calendar, { end: p.end, window: p.window }));
  const rows = sets.reduce((s, d) => s + d.rows, 0);
  if (rows < 200) throw new Error(`too little history to train a model (${rows} product-days)`);
  const data = sets.length === 1 ? sets[0]! : { features: new Float32Array(rows * FEATURE_COUNT), target: new Float32Array(rows), rows, cols: FEATURE_COUNT };
  if (sets.length > 1) {
    let at = 0;
    for (const d of sets) {
      data.features.set(d.features, at * FEATURE_COUNT);
      data.target.set(d.target, at);
      at += d.rows;
    }
  }
  const model = train({ features: data.features, rows: data.rows, cols: data.cols, target: data.target }, { ...MODEL_TRAINING, ...options.gbdt }, options.hooks);
  const onnx = exportOnnx(model, {
    featureNames: FEATURE_NAMES,
    docString: 'Góndola demand model: expected units per product and day (Poisson GBDT, log link, multiplicative level).',
    metadata: { training_rows: String(data.rows), ...options.metadata },
  });
  return { onnx, sha256: sha256(onnx), rows: data.rows, trees: model.trees.length, seconds: (performance.now() - started) / 1000 };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class OnnxDemandModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly sha256: string,
  ) {}

  static async load(bytes: Uint8Array): Promise<OnnxDemandModel> {
    // Two intra-op threads: this machine class has two cores and the UI shares them.
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 2, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    const names = session.inputNames;
    if (names.length !== 1 || names[0] !== ONNX_INPUT) throw new Error(`the model's input is ${names.join(', ')}, expected ${ONNX_INPUT}`);
    return new OnnxDemandModel(session, sha256(bytes));
  }

  /** Expected demand per row of features (row-major, FEATURE_COUNT wide). */
  async predict(features: Float32Array): Promise<Float32Array> {
    const rows = features.length / FEATURE_COUNT;
    if (rows === 0) return new Float32Array(0);
    const out = new Float32Array(rows);
    const batch = 65_536;
    for (let r = 0; r < rows; r += batch) {
      const n = Math.min(batch, rows - r);
      const input = new ort.Tensor('float32', features.subarray(r * FEATURE_COUNT, (r + n) * FEATURE_COUNT), [n, FEATURE_COUNT]);
      const result = await this.session.run({ [ONNX_INPUT]: input });
      out.set(result[ONNX_OUTPUT]!.data as Float32Array, r);
    }
    return out;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
