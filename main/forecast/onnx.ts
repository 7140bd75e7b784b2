import protobuf from 'protobufjs';
import type { GbdtModel } from './gbdt';

/**
 * Exports a GbdtModel as an ONNX model and nothing else: an `ai.onnx.ml`
 * TreeEnsembleRegressor for Σ trees + baseScore, then the log-link and the
 * per-row base in plain ONNX ops:
 *
 *   X float[N, F] ─ TreeEnsembleRegressor ─┐
 *   X ─ Gather(col = offsetFeature) ─ Max(floor) ─ Log ─ Add ─ Exp → mean float[N, 1]
 *
 * The protobuf wire format comes from protobufjs; the message layout below is
 * the subset of onnx.proto (field numbers from onnx/onnx.proto, IR version 8)
 * this model needs.
 */
const ONNX_SCHEMA = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 },
            floats: { rule: 'repeated', type: 'float', id: 7, options: { packed: true } },
            ints: { rule: 'repeated', type: 'int64', id: 8, options: { packed: true } },
            strings: { rule: 'repeated', type: 'bytes', id: 9 },
            type: { type: 'int32', id: 20 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
            domain: { type: 'string', id: 7 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1, options: { packed: true } },
            dataType: { type: 'int32', id: 2 },
            floatData: { rule: 'repeated', type: 'float', id: 4, options: { packed: true } },
            int64Data: { rule: 'repeated', type: 'int64', id: 7, options: { packed: true } },
            name: { type: 'string', id: 8 },
          },
        },
        Dimension: { fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } } },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        TensorTypeProto: { fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } } },
        TypeProto: { fields: { tensorType: { type: 'TensorTypeProto', id: 1 } } },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 }, docString: { type: 'string', id: 3 } } },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            docString: { type: 'string', id: 10 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
        StringStringEntryProto: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            producerVersion: { type: 'string', id: 3 },
            docString: { type: 'string', id: 6 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
            metadataProps: { rule: 'repeated', type: 'StringStringEntryProto', id: 14 },
          },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(ONNX_SCHEMA);
const ModelProto = root.lookupType('onnx.ModelProto');

const FLOAT = 1;
const INT64 = 7;
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

const utf8 = (s: string) => new TextEncoder().encode(s);
const ints = (name: string, values: number[]) => ({ name, type: ATTR.INTS, ints: values });
const floats = (name: string, values: number[]) => ({ name, type: ATTR.FLOATS, floats: values });

export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'mean';

export interface OnnxExportOptions {
  featureNames: readonly string[];
  /** Free text and key/value pairs stored in the model (training window, metrics…). */
  docString?: string;
  metadata?: Record<string, string>;
}

export function exportOnnx(model: GbdtModel, options: OnnxExportOptions): Uint8Array {
  if (options.featureNames.length !== model.featureCount) throw new Error('one name per feature');
  const nodeTree: number[] = [];
  const nodeId: number[] = [];
  const featureId: number[] = [];
  const value: number[] = [];
  const mode: Uint8Array[] = [];
  const trueId: number[] = [];
  const falseId: number[] = [];
  const targetTree: number[] = [];
  const targetNode: number[] = [];
  const targetWeight: number[] = [];
  model.trees.forEach((tree, t) => {
    for (let i = 0; i < tree.feature.length; i++) {
      const leaf = tree.feature[i]! < 0;
      nodeTree.push(t);
      nodeId.push(i);
      featureId.push(leaf ? 0 : tree.feature[i]!);
      value.push(leaf ? 0 : tree.threshold[i]!);
      mode.push(utf8(leaf ? 'LEAF' : 'BRANCH_LEQ'));
      trueId.push(leaf ? 0 : tree.left[i]!);
      falseId.push(leaf ? 0 : tree.right[i]!);
      if (leaf) {
        targetTree.push(t);
        targetNode.push(i);
        targetWeight.push(tree.value[i]!);
      }
    }
  });
  const ensemble = {
    input: [ONNX_INPUT],
    output: ['score'],
    name: 'trees',
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    attribute: [
      { name: 'aggregate_function', type: ATTR.STRING, s: utf8('SUM') },
      { name: 'post_transform', type: ATTR.STRING, s: utf8('NONE') },
      { name: 'n_targets', type: ATTR.INT, i: 1 },
      floats('base_values', [model.baseScore]),
      ints('nodes_treeids', nodeTree),
      ints('nodes_nodeids', nodeId),
      ints('nodes_featureids', featureId),
      floats('nodes_values', value),
      { name: 'nodes_modes', type: ATTR.STRINGS, strings: mode },
      ints('nodes_truenodeids', trueId),
      ints('nodes_falsenodeids', falseId),
      ints('nodes_missing_value_tracks_true', nodeTree.map(() => 0)),
      ints('target_treeids', targetTree),
      ints('target_nodeids', targetNode),
      ints('target_ids', targetTree.map(() => 0)),
      floats('target_weights', targetWeight),
    ],
  };
  const nodes: object[] = [ensemble];
  const initializer: object[] = [];
  let logMean = 'score';
  if (model.offsetFeature >= 0) {
    initializer.push({ name: 'offset_column', dataType: INT64, dims: [1], int64Data: [model.offsetFeature] });
    initializer.push({ name: 'offset_floor', dataType: FLOAT, dims: [], floatData: [model.offsetFloor] });
    nodes.push(
      { input: [ONNX_INPUT, 'offset_column'], output: ['base'], name: 'base', opType: 'Gather', attribute: [{ name: 'axis', type: ATTR.INT, i: 1 }] },
      { input: ['base', 'offset_floor'], output: ['base_floored'], name: 'base_floored', opType: 'Max' },
      { input: ['base_floored'], output: ['log_base'], name: 'log_base', opType: 'Log' },
      { input: ['score', 'log_base'], output: ['log_mean'], name: 'log_mean', opType: 'Add' },
    );
    logMean = 'log_mean';
  }
  nodes.push({ input: [logMean], output: [ONNX_OUTPUT], name: 'mean', opType: 'Exp' });

  const tensor = (name: string, dims: (number | string)[], doc: string) => ({
    name,
    docString: doc,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });
  const message = ModelProto.fromObject({
    irVersion: 8,
    producerName: 'gondola',
    producerVersion: '1',
    docString: options.docString ?? '',
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    metadataProps: Object.entries({ feature_names: options.featureNames.join(','), loss: model.loss.kind, ...options.metadata }).map(([key, v]) => ({ key, value: v })),
    graph: {
      name: 'demand',
      node: nodes,
      initializer,
      input: [tensor(ONNX_INPUT, ['N', model.featureCount], `float32 features in this order: ${options.featureNames.join(', ')}`)],
      output: [tensor(ONNX_OUTPUT, ['N', 1], 'expected demand that day, in the product unit')],
    },
  });
  return ModelProto.encode(message).finish();
}
