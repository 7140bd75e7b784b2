import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT, FEATURE_NAMES, LEVEL_FEATURE } from './features';
import { predictMean, train } from './gbdt';
import { OnnxDemandModel } from './model';
import { exportOnnx } from './onnx';

describe('ONNX export', () => {
  it('runs in onnxruntime-node and gives what the trees give', async () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rows = 3000;
    const features = new Float32Array(rows * FEATURE_COUNT);
    const target = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < FEATURE_COUNT; f++) features[r * FEATURE_COUNT + f] = Math.floor(random() * 40) / 4 - 1;
      features[r * FEATURE_COUNT + LEVEL_FEATURE] = random() * 6;
      target[r] = Math.round(features[r * FEATURE_COUNT]! * (features[r * FEATURE_COUNT + 11]! > 4 ? 1.5 : 0.8) * random() * 2);
    }
    const model = train({ features, rows, cols: FEATURE_COUNT, target }, { offsetFeature: LEVEL_FEATURE, trees: 40 });
    const onnx = await OnnxDemandModel.load(exportOnnx(model, { featureNames: FEATURE_NAMES }));
    const fromOnnx = await onnx.predict(features);
    const fromTrees = predictMean(model, features, rows);
    for (let r = 0; r < rows; r++) expect(Math.abs(fromOnnx[r]! - fromTrees[r]!) / fromTrees[r]!).toBeLessThan(1e-5);
    await onnx.close();
  });

  it('refuses a model whose input is not the features tensor', async () => {
    await expect(OnnxDemandModel.load(new Uint8Array([1, 2, 3]))).rejects.toThrow();
  });
});
