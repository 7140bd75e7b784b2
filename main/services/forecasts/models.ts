import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ForecastStatus } from '../../../contract';
import { AppError } from '../../domain/errors';
import { sha256, type ChoiceName, type MethodMetrics } from '../../forecast';
import { write, type Core } from '../../write';

const DEFAULT_MODEL = 'demand-default';

/** The model in use and what is known about it. */
export interface ActiveModel {
  source: 'default' | 'store';
  bytes: Uint8Array;
  sha256: string;
  trainedAt: string | null;
  trainedUntil: string | null;
  trainingRows: number;
  backtest: { horizon: number; origins: number; products: number; methods: MethodMetrics[]; usesFallbacks?: boolean } | null;
  dispersion: Partial<Record<string, number>>;
  choices: Record<string, { choice: ChoiceName; errors: Partial<Record<ChoiceName, number>> }>;
}

/** A trained model as the registry keeps it (whether it replaced the one in use or not). */
export interface TrainedModel {
  sha256: string;
  onnx: Uint8Array;
  trainedUntil: string;
  rows: number;
  backtest: NonNullable<ActiveModel['backtest']>;
  dispersion: ActiveModel['dispersion'];
  choices: ActiveModel['choices'];
  /** What the owner reads about this training. */
  note: string;
}

/**
 * The model registry: the default model shipped in models/ until the store
 * trains its own; the store's models as files in the data folder, checked
 * against their sha256, with one row each in forecast_models (one active).
 */
export class ModelRegistry {
  private model: ActiveModel | null = null;

  constructor(private readonly core: Core) {}

  /** The model forecasts come from now. */
  active(): ActiveModel {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('forecast_models').selectAll().where('active', '=', 1));
    if (row && this.model?.sha256 === row.sha256) return this.model;
    if (!row && this.model?.source === 'default') return this.model;
    if (row) {
      const bytes = new Uint8Array(readFileSync(join(this.core.dataDir, row.file)));
      if (sha256(bytes) !== row.sha256) {
        this.core.logger.log('error', 'store model file does not match its checksum; using the default model', { file: row.file });
      } else {
        this.model = {
          source: 'store',
          bytes,
          sha256: row.sha256,
          trainedAt: row.trained_at,
          trainedUntil: row.trained_until,
          trainingRows: row.training_rows,
          backtest: JSON.parse(row.backtest) as ActiveModel['backtest'],
          dispersion: JSON.parse(row.dispersion) as ActiveModel['dispersion'],
          choices: JSON.parse(row.choices) as ActiveModel['choices'],
        };
        return this.model;
      }
    }
    this.model = loadDefaultModel(this.core.resourcesDir);
    return this.model;
  }

  /**
   * Keeps a trained model: when it goes into use its file is written first
   * (temp file, then rename) and it becomes the active row; otherwise only its
   * row is kept, with why it was not put in use.
   */
  save(trained: TrainedModel, putInUse: boolean, audit: Record<string, unknown>): void {
    const dir = join(this.core.dataDir, 'models');
    mkdirSync(dir, { recursive: true });
    const file = join('models', `demand-${trained.sha256.slice(0, 16)}.onnx`);
    if (putInUse) {
      const tmp = join(this.core.dataDir, `${file}.tmp`);
      writeFileSync(tmp, trained.onnx);
      renameSync(tmp, join(this.core.dataDir, file));
    }
    write(this.core, (tx) => {
      if (putInUse) tx.sql.run(tx.sql.q.updateTable('forecast_models').set({ active: 0 }).where('active', '=', 1));
      tx.sql.run(
        tx.sql.q.insertInto('forecast_models').values({
          id: tx.newId(),
          sha256: trained.sha256,
          file: putInUse ? file : '',
          trained_at: tx.now,
          trained_until: trained.trainedUntil,
          training_rows: trained.rows,
          backtest: JSON.stringify(trained.backtest),
          dispersion: JSON.stringify(trained.dispersion),
          choices: JSON.stringify(trained.choices),
          active: putInUse ? 1 : 0,
          note: trained.note,
        }),
      );
      tx.audit({ entity: 'forecastModel', id: trained.sha256, after: audit });
    });
  }

  /** Whether the store ever trained a model (kept or not). */
  everTrained(): boolean {
    const trained = this.core.sql.first(this.core.sql.q.selectFrom('forecast_models').select((eb) => eb.fn.countAll<number>().as('n')));
    return Number(trained?.n ?? 0) > 0;
  }

  /** When the store last trained a model, or null. */
  lastTrainedAt(): string | null {
    return this.core.sql.first(this.core.sql.q.selectFrom('forecast_models').select((eb) => eb.fn.max('trained_at').as('at')))?.at ?? null;
  }

  /** After a restart: the latest training as recorded. */
  lastTraining(): ForecastStatus['lastTraining'] {
    const row = this.core.sql.first(this.core.sql.q.selectFrom('forecast_models').select(['trained_at', 'file', 'note', 'backtest']).orderBy('trained_at', 'desc').limit(1));
    if (!row) return null;
    const backtest = JSON.parse(row.backtest) as NonNullable<ActiveModel['backtest']>;
    return { finishedAt: row.trained_at, replaced: row.file !== '', message: row.note, candidate: backtest.methods, current: [] };
  }
}

/** The default model shipped in models/, with its card's figures. */
export function loadDefaultModel(resourcesDir: string): ActiveModel {
  const onnx = join(resourcesDir, 'models', `${DEFAULT_MODEL}.onnx`);
  const card = join(resourcesDir, 'models', `${DEFAULT_MODEL}.json`);
  if (!existsSync(onnx) || !existsSync(card)) throw new AppError('INTERNAL', `Falta el modelo de pronóstico de base (${onnx}). Reinstalá la aplicación.`);
  const bytes = new Uint8Array(readFileSync(onnx));
  const meta = JSON.parse(readFileSync(card, 'utf8')) as { sha256: string; trainedAt: string; trainedUntil: string; trainingRows: number; backtest: ActiveModel['backtest']; dispersion: ActiveModel['dispersion'] };
  if (sha256(bytes) !== meta.sha256) throw new AppError('INTERNAL', 'El modelo de pronóstico de base está dañado (no coincide su sha256). Reinstalá la aplicación.');
  return { source: 'default', bytes, sha256: meta.sha256, trainedAt: meta.trainedAt, trainedUntil: meta.trainedUntil, trainingRows: meta.trainingRows, backtest: meta.backtest, dispersion: meta.dispersion, choices: {} };
}
